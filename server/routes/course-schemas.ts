import { z } from 'zod';
import { LanguageSchema } from '../rubric/schemas.ts';
import { ScoreSummarySchema } from './schemas.ts';

// HTTP shapes of courses, assignments and the class dashboard (docs: /work/kier-team/ISSUE5-API.md).

export const CourseSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), joinCode: z.string(), createdAt: z.string() });
export const CourseSummarySchema = CourseSchema.extend({ role: z.enum(['instructor', 'student']), studentCount: z.number().int() });
export const MemberSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const CreateCourseBodySchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().trim().max(2000).optional(),
});
export const JoinCourseBodySchema = z.object({ code: z.string().trim().min(4).max(20) });
export const AddInstructorBodySchema = z.object({ email: z.string().trim().min(3).max(200) });

export const TargetsSchema = z.object({
  rq: z.number().min(0).max(100).optional(),
  pctComplex: z.number().min(0).max(100).optional(),
  pctChange: z.number().min(0).max(100).optional(),
});
export const AssignmentBodySchema = z.object({
  scenarioId: z.string().min(1).max(100),
  title: z.string().trim().max(200).optional(),
  dueAt: z.iso.datetime({ offset: true }),
  minTurns: z.number().int().min(1).max(100),
  language: LanguageSchema,
  voice: z.enum(['offline', 'llm']),
  targets: TargetsSchema.default({}),
});
export const AssignmentSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  title: z.string(),
  dueAt: z.string(),
  minTurns: z.number().int(),
  language: LanguageSchema,
  voice: z.enum(['offline', 'llm']),
  targets: TargetsSchema,
  createdAt: z.string(),
});
export const AssignmentStatusSchema = z.enum(['not_started', 'in_progress', 'completed', 'overdue']);
export const MeetsSchema = z.object({ rq: z.boolean().optional(), pctComplex: z.boolean().optional(), pctChange: z.boolean().optional() });
export const MyAssignmentSchema = AssignmentSchema.extend({
  courseName: z.string(),
  status: AssignmentStatusSchema,
  bestSessionId: z.string().nullable(),
  scores: ScoreSummarySchema.nullable(),
  meets: MeetsSchema,
});

export const CourseDetailSchema = z.object({
  course: CourseSchema,
  assignments: z.array(AssignmentSchema),
  students: z.array(MemberSchema),
  instructors: z.array(MemberSchema),
});

export const CellMetricsSchema = z.object({
  rq: z.number().nullable(),
  pctComplex: z.number().nullable(),
  pctChange: z.number().nullable(),
  rrCount: z.number(),
  overall: z.number(),
});
export const DashboardSchema = z.object({
  students: z.array(MemberSchema),
  assignments: z.array(AssignmentSchema),
  cells: z.array(
    z.object({
      studentId: z.string(),
      assignmentId: z.string(),
      status: AssignmentStatusSchema,
      sessionId: z.string().nullable(),
      metrics: CellMetricsSchema.nullable(),
      meets: MeetsSchema,
    }),
  ),
  distribution: z.object({ rq: z.array(z.number()), pctComplex: z.array(z.number()), pctChange: z.array(z.number()), rrCount: z.array(z.number()) }),
  progress: z.array(z.object({ date: z.string(), sessions: z.number().int(), meanOverall: z.number(), meanPctChange: z.number() })),
});

export type Course = z.infer<typeof CourseSchema>;
export type CourseSummary = z.infer<typeof CourseSummarySchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Assignment = z.infer<typeof AssignmentSchema>;
export type MyAssignment = z.infer<typeof MyAssignmentSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type CourseDetail = z.infer<typeof CourseDetailSchema>;
