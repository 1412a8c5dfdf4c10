/**
 * The supergraph as a file: read at load, then (optionally) watched, each change handed to the
 * gateway. A change the gateway refuses (a half-written or invalid file) is logged and the schema
 * in service stays. Requests already running keep the plan they started with: the gateway's
 * executor holds its plan and data sources for the whole request.
 */
import { readFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import { downgradeEnforcedSecurityLinks } from './authorization/security-links.js';

export interface SupergraphSourceLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface SupergraphFileSourceOptions {
  path: string;
  /** Re-read the file when it changes. @default true */
  watch?: boolean;
  /**
   * Quiet time after the last change event before the file is read again: editors and `cp`
   * write a file in several steps, and only the last state is worth a reload.
   * @default 100
   */
  debounceMs?: number;
  logger: SupergraphSourceLogger;
}

export function createSupergraphFileSource({
  path,
  watch: watchFile = true,
  debounceMs = 100,
  logger,
}: SupergraphFileSourceOptions): SupergraphManager {
  return {
    async initialize({ update }) {
      const supergraphSdl = downgradeEnforcedSecurityLinks(await readFile(path, 'utf8'));
      if (!watchFile) return { supergraphSdl };

      let applied = supergraphSdl;
      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      // Reloads run one after another, so a slow read can never apply an older file over a newer one.
      let reloading = Promise.resolve();

      const reload = async () => {
        let sdl: string;
        try {
          sdl = downgradeEnforcedSecurityLinks(await readFile(path, 'utf8'));
        } catch (error) {
          if (!closed) logger.error(`Kept the current supergraph: cannot read ${path}: ${messageOf(error)}`);
          return;
        }
        if (closed || sdl === applied) return;
        try {
          update(sdl);
          applied = sdl;
          logger.info(`Reloaded the supergraph from ${path}`);
        } catch (error) {
          logger.error(`Kept the current supergraph: ${path} was refused: ${messageOf(error)}`);
        }
      };

      // The folder, not the file, is watched: a file replaced by rename (editors, `mv`, atomic
      // writes) is a new inode, and a watch on the old one would go silent.
      const file = basename(path);
      const watcher = watch(dirname(path), (_event, filename) => {
        if (filename !== file || closed) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          reloading = reloading.then(reload);
        }, debounceMs);
      });
      watcher.on('error', (error) => logger.error(`Stopped watching ${path}: ${messageOf(error)}`));

      return {
        supergraphSdl,
        async cleanup() {
          closed = true;
          clearTimeout(timer);
          watcher.close();
          await reloading;
        },
      };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
