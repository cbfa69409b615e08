import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { OpenAPIObject } from 'openapi3-ts';

/**
 * What Swagger UI is told. `persistAuthorization` stays off: on, it writes whatever was typed into
 * Authorize (username, password, access and refresh tokens) to localStorage on the API's origin,
 * where any script of that origin reads it and it outlives the tab. Nothing else in Swagger UI writes
 * Web Storage; the credentials live in the page's memory and go with it.
 */
const SWAGGER_UI_OPTIONS = { persistAuthorization: false, displayRequestDuration: true };

/** GET /openapi.json and Swagger UI at /docs, its assets served from this server. */
export const createDocsRouter = (document: OpenAPIObject): Router => {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(document, {
      customSiteTitle: 'Shelf API',
      swaggerOptions: SWAGGER_UI_OPTIONS,
    }),
  );
  return router;
};
