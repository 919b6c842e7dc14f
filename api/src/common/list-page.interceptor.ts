import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { ListPage } from './list-query.js';

/** react-admin's simple REST convention: the body is the array, the header says which rows of how many. */
@Injectable()
export class ListPageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof ListPage)) return value;
        const res = context.switchToHttp().getResponse<Response>();
        const first = value.range[0];
        const last = value.rows.length === 0 ? first : first + value.rows.length - 1;
        res.setHeader('Content-Range', `${value.resource} ${first}-${last}/${value.total}`);
        return value.rows;
      }),
    );
  }
}
