import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { analyseUpload, tooLarge, type UploadAnalysis } from '../../../functions/domain/analyse-upload';
import { compileTopics } from '../../../functions/domain/topics/match-topics';
import type { Topic } from '../../../functions/domain/topics/topic-schema';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../../../functions/contracts/limits';
import { UsageError, oneLine } from '../errors';

/**
 * `analyse`: article files through the ingest function's own analysis (analyse-upload.ts), in this
 * process, with no AWS, no Java and no table. The size cap is the ingest function's default.
 */

/** A path that could not be read (or was left out), said on stderr; the command then exits 1. */
export interface FileProblem {
  path: string;
  problem: string;
  /** False for what is only worth a note (a folder reached twice through a link). */
  failure: boolean;
}

export interface ArticleFiles {
  files: string[];
  problems: FileProblem[];
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? oneLine(error);

/**
 * The files of the arguments, in order: a file as given, a folder's files at every depth, each
 * folder's entries sorted by name (by UTF-16 code unit, not by locale: the same order on every
 * machine). Dot files are included and links followed; a file reached twice is analysed once;
 * nothing else is left out without a problem saying so. A missing argument
 * or one that is neither a file nor a folder is a usage error, and so is finding no file at all.
 */
export async function listArticleFiles(inputs: string[]): Promise<ArticleFiles> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seenFiles = new Set<string>();
  const walkedFolders = new Set<string>();

  const addFile = (path: string) => {
    const absolute = resolve(path);
    if (seenFiles.has(absolute)) return;
    seenFiles.add(absolute);
    files.push(path);
  };

  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder).catch(() => resolve(folder));
    if (walkedFolders.has(real)) {
      problems.push({ path: folder, problem: 'skipped: a link to a folder already read', failure: false });
      return;
    }
    walkedFolders.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, problem: `cannot read the folder: ${codeOf(error)}`, failure: true });
      return;
    }
    for (const entry of entries.sort(byName)) {
      const path = join(folder, entry.name);
      let target: Stats | undefined;
      if (entry.isSymbolicLink()) {
        try {
          target = await stat(path);
        } catch (error) {
          problems.push({ path, problem: `cannot read: ${codeOf(error)}`, failure: true });
          continue;
        }
      }
      const kind = (target ?? entry).isFile() ? 'file' : (target ?? entry).isDirectory() ? 'folder' : 'other';
      if (kind === 'file') addFile(path);
      else if (kind === 'folder') await walk(path);
      else problems.push({ path, problem: 'skipped: not a regular file', failure: true });
    }
  };

  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info === null) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) await walk(input);
    else if (info.isFile()) addFile(input);
    else throw new UsageError(`${input}: not a file or folder`);
  }
  if (files.length === 0 && problems.length === 0) {
    throw new UsageError('nothing to analyse: the folders given have no files');
  }
  return { files, problems };
}

export type FileAnalysis =
  { file: string; analysis: UploadAnalysis } | { file: string; analysis?: undefined; problem: FileProblem };

/**
 * Each file's analysis, in order, as the ingest function would make it: over the size cap is
 * rejected before the file is read, as ingest decides from the event's size before downloading.
 * A file that cannot be read, or whose analysis throws (a bug, not a bad article), is a problem.
 */
export async function* analyseFiles(
  files: string[],
  topics: Topic[],
  maxBytes = DEFAULT_MAX_ARTICLE_BYTES,
): AsyncGenerator<FileAnalysis> {
  const compiled = compileTopics(topics);
  for (const file of files) {
    const problem = (text: string): FileAnalysis => ({
      file,
      problem: { path: file, problem: text, failure: true },
    });
    let bytes: Uint8Array;
    try {
      const { size } = await stat(file);
      if (size > maxBytes) {
        yield { file, analysis: tooLarge(size, maxBytes) };
        continue;
      }
      bytes = await readFile(file);
    } catch (error) {
      yield problem(`cannot read: ${codeOf(error)}`);
      continue;
    }
    let analysis: UploadAnalysis;
    try {
      analysis = analyseUpload({ bytes, key: file }, { maxBytes }, compiled);
    } catch (error) {
      yield problem(`analysis failed: ${oneLine(error)}`);
      continue;
    }
    yield { file, analysis };
  }
}
