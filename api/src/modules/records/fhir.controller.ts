import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Bundle } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { Permission } from '../../common/access.decorators.js';
import { CurrentActor } from '../../common/actor.decorator.js';
import { ParseIdPipe } from '../../common/parse-id.pipe.js';
import type { Actor } from '../../common/request-context.js';
import { FhirService } from './fhir.service.js';
import { ApiAnswer } from '../../openapi/api-answer.decorator.js';
import { fhirBundleSchema } from '@attune/domain';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The base of the bundle entries' fullUrl: this API's own FHIR path, as the caller reached it. */
function fhirBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/api/fhir`;
}

/** FHIR R4 read-outs of the record (`$everything`): Bundles of type searchset. */
@ApiTags('fhir')
@Controller('fhir')
export class FhirController {
  constructor(private readonly fhir: FhirService) {}

  @ApiAnswer(fhirBundleSchema)
  @Get('Patient/:id/$everything')
  @Permission('fhir', 'read')
  @Header('Content-Type', FHIR_JSON)
  @ApiProduces('application/fhir+json')
  @ApiOperation({
    summary: 'FHIR R4 Bundle of everything about one client in the cases the caller may see',
    description: 'Patient, Organization, Practitioner, EpisodeOfCare per case, Encounter per held session, DocumentReference (LOINC 11506-3) per signed note and addendum, Observation per scale score, Questionnaire and QuestionnaireResponse per completed homework. Rate-limited (EXPORT_RATE_LIMIT) and audited as an export.',
  })
  patient(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) clientId: string, @Req() req: Request): Promise<Bundle> {
    return this.fhir.patientEverything(actor, clientId, fhirBase(req));
  }

  @ApiAnswer(fhirBundleSchema)
  @Get('EpisodeOfCare/:id/$everything')
  @Permission('fhir', 'read')
  @Header('Content-Type', FHIR_JSON)
  @ApiProduces('application/fhir+json')
  @ApiOperation({
    summary: 'FHIR R4 Bundle of everything in one case, each partner\'s data under their own Patient',
    description: 'The path takes the case id (`id`); a couple\'s case has one EpisodeOfCare per partner (`<caseId>-1`, `<caseId>-2`), each with the case id as identifier.',
  })
  episode(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) caseId: string, @Req() req: Request): Promise<Bundle> {
    return this.fhir.episodeEverything(actor, caseId, fhirBase(req));
  }
}
