export { LlmError, type LlmClient, type LlmErrorKind, type LlmMessage, type LlmStreamRequest } from './llm-client.ts';
export { createOpenAiClient, toLlmError, type OpenAiClientOptions } from './openai-client.ts';
export { createRecordingLlm, type RecordedStep, type RecordingLlm } from './recording-llm.ts';
