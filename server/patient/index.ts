// Public API of the patient engine (pure: no fs, fastify, socket.io, openai or pino).
export { createPatient, mood, readiness, PatientStateSchema, RESISTANCE, type PatientState, type Tone } from './patient-state.ts';
export { decide, openingIntent, IntentSchema, MoveSchema, type Decision, type Intent, type Move, type PractitionerTurn } from './decide.ts';
export { detectTouch, type Touch } from './detect-touch.ts';
export { speakOffline, fillPlaceholders, type Spoken } from './offline-voice.ts';
export { hashSeed } from './seeded-random.ts';
export * from './scenario-schema.ts';
export { simulateConversation, simulateConversationWithLlm, type SimulationResult, type SimulatedExchange, type SpeakRequest, type SpokenReply } from './simulate.ts';
export { scriptedTurn, goalPhrase, SCRIPT_LENGTH, type PractitionerStyle } from './scripted-practitioners.ts';
export { createLlmVoice, buildPatientPrompt, historyMessages, cleanReply, type LlmVoice, type LlmVoiceOptions, type LlmSpeakRequest, type LlmSpoken, type HistoryTurn } from './llm-voice.ts';
