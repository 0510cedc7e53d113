import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import '../shared/contract/zod.ts';
import type { Database } from './db/client.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { organisationRoutes } from './modules/organisation/routes.ts';
import { registerActor, requireActor } from './plugins/actor.ts';
import { registerErrorHandler } from './plugins/errorHandler.ts';

export type AppOptions = {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Tests only: take the actor from a request header (see plugins/actor.ts). */
  testActors?: boolean;
};

export type App = FastifyInstance;

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

/** The API modules, in one visible list (no registration by import side effect). */
const apiModules = [organisationRoutes];

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  registerErrorHandler(app);
  registerActor(app, { testActors: options.testActors ?? false });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Klassny API', version: '1', description: 'Электронный журнал и дневник Klassny' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(
    async (api) => {
      requireActor(api);
      for (const module of apiModules) await api.register(module);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
