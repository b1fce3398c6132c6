// Transcript files are text, but not always UTF-8: Word and Notepad on Dutch Windows still save
// "Patiënt:" as Windows-1252, where ë is one byte that is not valid UTF-8. Reading such a file as
// UTF-8 would turn the label into "Pati\uFFFDnt:" and the line into part of the previous turn. Both
// the command line and the browser (before upload) decode with this.

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');

/** The text of a transcript file: UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
export function decodeTranscriptBytes(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return WINDOWS_1252.decode(bytes);
  }
}
