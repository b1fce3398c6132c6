import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddInstructorBodySchema,
  AssignmentBodySchema,
  AssignmentSchema,
  CourseDetailSchema,
  CourseSchema,
  CourseSummarySchema,
  CreateCourseBodySchema,
  DashboardSchema,
  JoinCourseBodySchema,
  MemberSchema,
  MyAssignmentSchema,
} from './course-schemas.ts';
import { requireUser } from './require-user.ts';
import { ErrorBodySchema, IdParamsSchema } from './schemas.ts';
import { sendCsv } from './send-csv.ts';

// Courses, assignments and the class dashboard. Roles are checked in the course service; every
// write has its own rate limit on top of the global one.

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const writes = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const joins = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export const courseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, courses } = app.kier;
  const user = (req: Parameters<typeof requireUser>[1]) => requireUser(auth, req);

  app.post(
    '/api/courses',
    { config: writes, schema: { tags: ['courses'], body: CreateCourseBodySchema, response: { 201: z.object({ course: CourseSchema }), ...errors } } },
    async (req, reply) => reply.code(201).send({ course: await courses.create(await user(req), req.body) }),
  );

  app.get(
    '/api/courses',
    { schema: { tags: ['courses'], response: { 200: z.object({ courses: z.array(CourseSummarySchema) }), ...errors } } },
    async (req) => ({ courses: await courses.list(await user(req)) }),
  );

  app.post(
    '/api/courses/join',
    { config: joins, schema: { tags: ['courses'], body: JoinCourseBodySchema, response: { 200: z.object({ course: CourseSummarySchema }), ...errors } } },
    async (req) => ({ course: await courses.join(await user(req), req.body.code) }),
  );

  app.get(
    '/api/courses/:id',
    { schema: { tags: ['courses'], params: IdParamsSchema, response: { 200: CourseDetailSchema, ...errors } } },
    async (req) => courses.get(await user(req), req.params.id),
  );

  app.post(
    '/api/courses/:id/instructors',
    {
      config: writes,
      schema: { tags: ['courses'], params: IdParamsSchema, body: AddInstructorBodySchema, response: { 200: z.object({ instructors: z.array(MemberSchema) }), ...errors } },
    },
    async (req) => ({ instructors: await courses.addInstructor(await user(req), req.params.id, req.body.email) }),
  );

  app.post(
    '/api/courses/:id/assignments',
    {
      config: writes,
      schema: { tags: ['assignments'], params: IdParamsSchema, body: AssignmentBodySchema, response: { 201: z.object({ assignment: AssignmentSchema }), ...errors } },
    },
    async (req, reply) => reply.code(201).send({ assignment: await courses.createAssignment(await user(req), req.params.id, req.body) }),
  );

  app.patch(
    '/api/assignments/:id',
    {
      config: writes,
      schema: { tags: ['assignments'], params: IdParamsSchema, body: AssignmentBodySchema, response: { 200: z.object({ assignment: AssignmentSchema }), ...errors } },
    },
    async (req) => ({ assignment: await courses.updateAssignment(await user(req), req.params.id, req.body) }),
  );

  app.delete(
    '/api/assignments/:id',
    { config: writes, schema: { tags: ['assignments'], params: IdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await courses.deleteAssignment(await user(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/assignments',
    { schema: { tags: ['assignments'], response: { 200: z.object({ assignments: z.array(MyAssignmentSchema) }), ...errors } } },
    async (req) => ({ assignments: await courses.myAssignments(await user(req)) }),
  );

  app.get(
    '/api/courses/:id/dashboard',
    { schema: { tags: ['dashboard'], params: IdParamsSchema, response: { 200: DashboardSchema, ...errors } } },
    async (req) => courses.dashboard(await user(req), req.params.id),
  );

  app.get(
    '/api/courses/:id/dashboard.csv',
    { schema: { tags: ['dashboard'], params: IdParamsSchema, response: { 200: z.string(), ...errors } } },
    async (req, reply) => {
      const csv = await courses.dashboardCsv(await user(req), req.params.id);
      return sendCsv(reply, `dashboard-${req.params.id}.csv`, csv);
    },
  );
};
