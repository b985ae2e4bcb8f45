import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyWireContract } from './openapi.js';

/**
 * Serves the OpenAPI document at `/docs` (Swagger UI) and `/docs/openapi.json`: the operations Nest
 * scanned from the controllers, described by the wire contract. Throws when a served operation is
 * missing from the contract, so the server does not start with an undocumented route.
 */
export function serveOpenApiDocument(app: INestApplication): OpenAPIObject {
  const scanned = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('DA-KI reference server')
      .setDescription('Growth scores, forecasts and live portfolio monitoring over the DA-KI SDK.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const document = applyWireContract(scanned);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return document;
}
