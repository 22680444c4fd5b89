/** Reading a model source into a prepared model, and the weight sizes the pre-flight checks. */
import { yieldToEvents, type ProgressFn } from './jobs';
import type { WeightFacts } from './preflight';
import type { ModelProto } from '../onnx/proto';
import { readSourceFiles, readOptional, type FileAccess } from '../model/sources';
import { prepareHf } from '../model/hf/load';
import { prepareLlama2c } from '../model/llama2c/load';
import type { NamedBytes, PreparedModel } from '../model/prepared';
import { sourceLabel, type ModelSource } from '../io/spec';

/** Read a source's files and prepare the model (graph, structure, card, tokenizer). */
export async function prepare(source: ModelSource, io: FileAccess, onProgress?: ProgressFn, signal?: AbortSignal): Promise<{ prepared: PreparedModel; files: NamedBytes[] }> {
  switch (source.kind) {
    case 'llama2c': {
      const files = await readSourceFiles(source, io, onProgress, signal);
      onProgress?.({ stage: 'parse', message: 'reading the checkpoint and building the ONNX graph' });
      await yieldToEvents();
      return { prepared: prepareLlama2c(files[0], files[1]), files };
    }
    case 'hf': {
      const read = (rel: string) => readOptional(source.location, rel, io, onProgress, signal);
      return prepareHf(read, source.onnx, sourceLabel(source));
    }
  }
}

/** Sizes of the graph's weights, for the pre-flight. */
export function weightFacts(graph: ModelProto): WeightFacts {
  let totalBytes = 0;
  let largest = { name: '', bytes: 0 };
  for (const t of graph.graph?.initializer ?? []) {
    const bytes = t.rawData?.byteLength ?? 4 * ((t.floatData?.length ?? 0) + (t.int32Data?.length ?? 0)) + 8 * (t.int64Data?.length ?? 0);
    totalBytes += bytes;
    if (bytes > largest.bytes) largest = { name: t.name ?? '', bytes };
  }
  return { totalBytes, largest };
}
