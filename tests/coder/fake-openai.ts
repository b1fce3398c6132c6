// The coder tests use the shared fake OpenAI-compatible server (tests/helpers/fake-openai-server.ts).
export {
  startFakeOpenAiServer as startFakeOpenAi,
  type FakeBehaviour as Behaviour,
  type FakeOpenAiServer as FakeOpenAi,
} from '../helpers/fake-openai-server.ts';
