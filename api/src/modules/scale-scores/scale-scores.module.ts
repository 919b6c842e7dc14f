import { Module } from '@nestjs/common';
import { ScaleScoresController } from './scale-scores.controller.js';
import { ScaleScoresService } from './scale-scores.service.js';

@Module({ controllers: [ScaleScoresController], providers: [ScaleScoresService], exports: [ScaleScoresService] })
export class ScaleScoresModule {}
