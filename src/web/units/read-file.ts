// A chosen file's bytes as base64, read in the browser (the import sends the sheet inside its JSON body).

/** The server takes up to 14,000,000 base64 characters: about 10 MB of file. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
