// Register hygiene (issue 12.2): the desk's name search (REG-4), the entries waiting for a decision or an
// identification (REG-5, REG-7), and a command whose answer the screen needs with its record number (a
// group's households name the arrival they came in with, REG-9).
import type { CommandAnswer, JudgeByName, PendingEntries } from '../../contracts/index.ts';
import type { CommandBodies, CommandName } from './api-client.ts';
import { query, request, seg, type WriteOptions } from './http.ts';

export function judgeByName(project: string, name: string): Promise<JudgeByName> {
  return request<JudgeByName>('GET', `/api/projects/${seg(project)}/judge/by-name${query({ name })}`);
}

export function getPendingEntries(project: string, of?: string): Promise<PendingEntries> {
  return request<PendingEntries>('GET', `/api/projects/${seg(project)}/register/pending${query({ of })}`);
}

/** A command's answer with the number of the fact it recorded. */
export function commandRecorded<C extends CommandName>(project: string, name: C, body: CommandBodies[C], options?: WriteOptions): Promise<CommandAnswer> {
  return request<CommandAnswer>('POST', `/api/projects/${seg(project)}/commands/${name}`, body, options);
}
