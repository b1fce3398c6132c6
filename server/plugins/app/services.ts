import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { createCoderFromConfig } from '../../coder/create-coder.ts';
import { loadRubrics } from '../../coder/load-rubrics.ts';
import { createOpenAiClient, type LlmClient } from '../../llm/index.ts';
import { formatProblem, loadScenarios } from '../../scenarios/load-scenarios.ts';
import { createAuthService, type AuthService } from '../../services/auth-service.ts';
import { createCourseService, type CourseService } from '../../services/course-service.ts';
import { createReviewService, type ReviewService } from '../../services/review-service.ts';
import { createPracticeService, type PracticeService } from '../../services/practice-service.ts';
import { createStore, openDb, type Store } from '../../store/index.ts';

// The app's services, built once from the config with explicit deps and hung on the instance as
// `app.kier`. The store closes with the app.

export interface KierServices {
  config: Config;
  store: Store;
  auth: AuthService;
  practice: PracticeService;
  courses: CourseService;
  review: ReviewService;
}

declare module 'fastify' {
  interface FastifyInstance {
    kier: KierServices;
  }
}

export async function registerServices(app: FastifyInstance, config: Config, opts: { llm?: LlmClient } = {}): Promise<KierServices> {
  const rubric = loadRubrics(config.rubricsDir);
  const { scenarios, problems } = loadScenarios(config.scenariosDir);
  for (const p of problems) app.log.warn(`scenario skipped: ${formatProblem(p)}`);
  if (scenarios.length === 0) app.log.warn({ dir: config.scenariosDir }, 'no valid scenarios found');

  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  app.addHook('onClose', async () => {
    await db.close();
  });
  const store = createStore(db);
  const coder = createCoderFromConfig(config, { rubric });
  const llm =
    opts.llm ??
    (config.llm && config.patientVoice === 'llm'
      ? createOpenAiClient({
          apiKey: config.llm.apiKey,
          baseURL: config.llm.baseURL,
          model: config.llm.model,
          timeoutMs: config.llm.timeoutMs,
          temperature: config.llm.temperature,
        })
      : undefined);
  const auth = createAuthService({ store });
  const admin = await auth.ensureAdmin(config.admin);
  if (admin) app.log.info({ email: admin.email }, 'created the first admin from ADMIN_EMAIL');
  const practice = createPracticeService({ store, rubric, coder, scenarios, log: app.log, llm });
  app.log.info(
    { store: db.kind, scenarios: scenarios.length, coder: coder.mode, patientVoice: llm ? 'llm' : 'offline' },
    'services ready',
  );
  const courses = createCourseService({ store, scenarios });
  const review = createReviewService({ store, rubric, coder, scenarios });
  const services = { config, store, auth, practice, courses, review };
  app.decorate('kier', services);
  return services;
}
