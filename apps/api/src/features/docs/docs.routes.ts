import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { OpenAPIObject } from 'openapi3-ts';

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
      swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
    }),
  );
  return router;
};
