import { applyDecorators, HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ApiExtension, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

/** Extension marking list routes (react-admin's Content-Range); read and removed when the document is built. */
export const LIST_EXTENSION = 'x-attune-list';

/**
 * Documents a route's success answer with one of libs' contract schemas (`api-contract.ts`), so the
 * OpenAPI document's schema is the one the code is typed with. Put it first, above `@Get()`/`@Post()`
 * and `@HttpCode()`: the status is read from them (POST 201, others 200, or the route's HttpCode).
 * `list`: the body is an array of the schema and the Content-Range header says which rows of how many.
 */
export function ApiAnswer(schema: z.ZodType, options: { list?: boolean; description?: string } = {}): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) throw new Error(`@ApiAnswer on ${String(key)} must stand above its @Get/@Post/@Put/@Delete`);
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
    const decorators = [
      ApiResponse({
        status,
        description: options.description ?? (options.list ? 'The rows of the page asked for, in the order asked for' : 'The record'),
        standardSchema: options.list ? z.array(schema) : schema,
      }),
    ];
    if (options.list) decorators.push(ApiExtension(LIST_EXTENSION, true));
    applyDecorators(...decorators)(target, key, descriptor);
  };
}

/** Documents a route that answers 204 (or 202, accepted for later) without a body. Put it first, like ApiAnswer. */
export function ApiNoContent(description: string, status: HttpStatus.NO_CONTENT | HttpStatus.ACCEPTED = HttpStatus.NO_CONTENT): MethodDecorator {
  return ApiResponse({ status, description });
}

/**
 * Documents a route whose answer is a file or text that is not JSON (PDF, text/calendar): its
 * media type and the description of the bytes. Put it first, like ApiAnswer.
 */
export function ApiFileAnswer(mediaType: 'application/pdf' | 'text/calendar', description: string): MethodDecorator {
  const schema = mediaType === 'application/pdf' ? { type: 'string', contentEncoding: 'binary' } : { type: 'string' };
  return applyDecorators(ApiProduces(mediaType), ApiResponse({ status: HttpStatus.OK, description, content: { [mediaType]: { schema } } }));
}
