// The shipped embedding: the vendored MobileFaceNet `fr_feature.onnx` (resources/face-embedding/)
// on onnxruntime-node's CPU backend, one thread (the worker thread is the kiosk's one lane for
// face work). Input 1×3×112×112 RGB, (x − 127) / 128, planar; output 512 floats, L2-normalised here.
import { createRequire } from 'node:module';
import type * as Ort from 'onnxruntime-node';
import { alignFace, ALIGNED_SIZE, sharpness, type Point } from './alignment';
import { l2Normalise, type FaceEmbedder } from './embedder';
import type { RawImage } from './image';

export const MOBILEFACENET_ID = 'mobilefacenet-fr_feature-512';

/** The planar, normalised input tensor's data from an aligned 112×112 RGB crop. */
export function toInputTensorData(aligned: RawImage): Float32Array {
  const plane = ALIGNED_SIZE * ALIGNED_SIZE;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++)
    for (let c = 0; c < 3; c++) out[c * plane + i] = ((aligned.data[i * 3 + c] ?? 0) - 127) / 128;
  return out;
}

export async function createOnnxEmbedder(modelPath: string): Promise<FaceEmbedder> {
  // onnxruntime-node is CommonJS with a native binding: load it the Node way.
  const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof Ort;
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  return {
    id: MOBILEFACENET_ID,
    dimensions: 512,
    async embed(image: RawImage, landmarks: readonly Point[]) {
      const aligned = alignFace(image, landmarks);
      if (!aligned) return null;
      const input = new ort.Tensor('float32', toInputTensorData(aligned), [1, 3, ALIGNED_SIZE, ALIGNED_SIZE]);
      const result = await session.run({ [inputName]: input });
      const output = result[outputName];
      if (!output) throw new Error('embedding model gave no output');
      const vector = l2Normalise(new Float32Array(output.data as Float32Array));
      input.dispose?.();
      output.dispose?.();
      return { vector, sharpness: sharpness(aligned) };
    },
    async close() {
      await session.release();
    },
  };
}
