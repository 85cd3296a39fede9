// Detection and 68 landmarks with face-api on the tfjs WASM backend, then the embedding of the
// aligned face from a FaceEmbedder (the vendored MobileFaceNet by default; face-api's own 128-d
// descriptor is kept only as the benchmark's baseline). Loaded inside the face worker thread (and
// in-process by the benchmarks); it keeps no state about any person — images come in, numbers go out.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { alignFace, sharpness, type Point } from './alignment';
import type { FaceEmbedder } from './embedder';
import { pad, toGrey, toRgb, type RawImage } from './image';
import { lowerFaceTextureRatio } from './mask';
import { verifyEmbeddingModel, type ModelPaths } from './models';
import { createOnnxEmbedder } from './onnx-embedder';

export type { Point } from './alignment';

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FoundFace {
  box: PixelBox;
  score: number;
  /** The 68 iBUG landmarks in image pixels. */
  landmarks: Point[];
}

export interface StageTimings {
  detectMs: number;
  landmarksMs: number;
  /** Alignment and embedding. */
  embeddingMs: number;
}

export interface FrameAnalysis {
  width: number;
  height: number;
  /** Most confident first. */
  faces: FoundFace[];
  /** Embedding of faces[0] (L2-normalised) when asked for and a face was found. */
  embedding: Float32Array | null;
  /** Sharpness of faces[0]'s aligned crop (alignment.ts), for the quality gate. */
  sharpness: number | null;
  /** faces[0]'s lower-face / eye-region texture ratio (see mask.ts); null without landmarks. */
  lowerFaceTexture: number | null;
  timings: StageTimings;
}

export interface EngineOptions {
  /** Tiny detector input size (multiple of 32). 416 is face-api's accurate setting. */
  detectorInputSize: number;
  detectorMinScore: number;
  /** Landmarks are computed for at most this many faces (the rest only count as "several"). */
  maxFacesWithLandmarks: number;
  /**
   * `mobilefacenet`: the vendored 512-d ONNX embedding (the kiosk's). `face-api-128`: face-api's
   * 128-d dlib-era descriptor, kept only so bench:face can show the old figures beside the new.
   */
  embedder: 'mobilefacenet' | 'face-api-128';
  /** face-api-128 only: average the descriptor of the aligned face and of its mirror image. */
  mirrorAverage: boolean;
  /** Try the SSD detector on frames where the tiny one finds nothing. */
  ssdFallback: boolean;
  /** Convert frames to grey first: the card photo is grey, so compare like with like. */
  grey: boolean;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  detectorInputSize: 416,
  detectorMinScore: 0.3,
  maxFacesWithLandmarks: 3,
  embedder: 'mobilefacenet',
  mirrorAverage: true,
  ssdFallback: true,
  grey: true,
};

export interface FaceEngine {
  analyseFrame(image: RawImage, options: { describe: boolean }): Promise<FrameAnalysis>;
  /** The card photo: padded, detected with the SSD detector (tight portraits), embedded. */
  describePortrait(image: RawImage): Promise<{ face: FoundFace; embedding: Float32Array } | null>;
  /** The aligned 112×112 crop the embedding sees (for looking at it; benchmarks only). */
  alignedCrop(image: RawImage, face: FoundFace): RawImage | null;
  readonly embedderId: string;
}

type FaceApiModule = typeof FaceApi;

let loaded: Promise<FaceApiModule> | undefined;

async function loadFaceApi(paths: ModelPaths): Promise<FaceApiModule> {
  const require = createRequire(import.meta.url);
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule;
  const tf = faceapi.tf as unknown as {
    setWasmPaths(prefix: string): void;
    setBackend(name: string): Promise<boolean>;
    ready(): Promise<void>;
    getBackend(): string;
  };
  // A folder path (with trailing separator) makes the backend read the .wasm from disk, never a CDN.
  tf.setWasmPaths(paths.wasmDir.endsWith('/') ? paths.wasmDir : `${paths.wasmDir}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not initialise');
  await tf.ready();
  await faceapi.nets.tinyFaceDetector.loadFromDisk(paths.modelsDir);
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(paths.modelsDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(paths.modelsDir);
  return faceapi;
}

let recognitionLoaded: Promise<void> | undefined;
let onnxEmbedder: Promise<FaceEmbedder> | undefined;

/** The shipped embedder, checked against its sha256 before the first use. */
function loadOnnxEmbedder(paths: ModelPaths): Promise<FaceEmbedder> {
  onnxEmbedder ??= (async () => {
    verifyEmbeddingModel(paths.embeddingModel);
    return createOnnxEmbedder(paths.embeddingModel);
  })();
  return onnxEmbedder;
}

export async function createFaceEngine(
  paths: ModelPaths,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): Promise<FaceEngine> {
  loaded ??= loadFaceApi(paths);
  const faceapi = await loaded;
  const tf = faceapi.tf;
  const embedder = options.embedder === 'mobilefacenet' ? await loadOnnxEmbedder(paths) : null;
  if (!embedder) {
    recognitionLoaded ??= faceapi.nets.faceRecognitionNet.loadFromDisk(paths.modelsDir);
    await recognitionLoaded;
  }
  const tinyOptions = new faceapi.TinyFaceDetectorOptions({
    inputSize: options.detectorInputSize,
    scoreThreshold: options.detectorMinScore,
  });
  const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.3 });
  const ssdFallbackOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 });

  const toTensor = (image: RawImage) => {
    const rgb = toRgb(options.grey ? toGrey(image) : image);
    return tf.tensor3d(rgb.data, [rgb.height, rgb.width, 3], 'int32');
  };

  async function landmarksFor(input: FaceApi.tf.Tensor3D, detection: FaceApi.FaceDetection) {
    const [crop] = await faceapi.extractFaceTensors(input, [detection]);
    if (!crop) return null;
    try {
      const local = (await faceapi.nets.faceLandmark68Net.detectLandmarks(crop)) as FaceApi.FaceLandmarks68;
      return local.shiftBy<FaceApi.FaceLandmarks68>(detection.box.x, detection.box.y);
    } finally {
      crop.dispose();
    }
  }

  async function faceApiDescriptor(input: FaceApi.tf.Tensor3D, landmarks: FaceApi.FaceLandmarks68) {
    // The same dlib-style alignment face-api uses in withFaceDescriptor().
    const rect = landmarks.align(null, { useDlibAlignment: true });
    const [face] = await faceapi.extractFaceTensors(input, [rect]);
    if (!face) return null;
    try {
      const plain = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(face)) as Float32Array;
      if (!options.mirrorAverage) return plain;
      const mirrored = (
        tf as unknown as { reverse(t: FaceApi.tf.Tensor3D, axis: number): FaceApi.tf.Tensor3D }
      ).reverse(face, 1);
      try {
        const other = (await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(mirrored)) as Float32Array;
        const mean = new Float32Array(plain.length);
        for (let i = 0; i < plain.length; i++) mean[i] = ((plain[i] ?? 0) + (other[i] ?? 0)) / 2;
        return mean;
      } finally {
        mirrored.dispose();
      }
    } finally {
      face.dispose();
    }
  }

  /** The embedding of one found face; the same alignment for card photos and live frames. */
  async function embed(
    image: RawImage,
    input: FaceApi.tf.Tensor3D,
    landmarks: FaceApi.FaceLandmarks68,
    points: Point[],
  ): Promise<{ embedding: Float32Array; sharpness: number } | null> {
    const source = options.grey ? toGrey(image) : image;
    if (embedder) {
      const result = await embedder.embed(source, points);
      return result ? { embedding: result.vector, sharpness: result.sharpness } : null;
    }
    const aligned = alignFace(source, points);
    const descriptor = await faceApiDescriptor(input, landmarks);
    return descriptor && aligned ? { embedding: descriptor, sharpness: sharpness(aligned) } : null;
  }

  /** Plain numbers only: face-api's classes do not cross the worker boundary. */
  const toFound = (
    detection: FaceApi.FaceDetection,
    landmarks: FaceApi.FaceLandmarks68 | null,
  ): FoundFace => {
    const { x, y, width, height } = detection.box;
    return {
      box: { x, y, width, height },
      score: detection.score,
      landmarks: landmarks ? landmarks.positions.map((p) => ({ x: p.x, y: p.y })) : [],
    };
  };

  return {
    async analyseFrame(image, { describe }) {
      const input = toTensor(image);
      try {
        const t0 = performance.now();
        // Most confident first: at a low score threshold the largest box can be a false detection.
        let detections = await faceapi.detectAllFaces(input, tinyOptions);
        // The tiny detector misses faces behind a mask (and some others); the SSD detector is
        // slower but finds more, so "take off your mask" can be said instead of "no face".
        if (detections.length === 0 && options.ssdFallback)
          detections = await faceapi.detectAllFaces(input, ssdFallbackOptions);
        detections.sort((a, b) => b.score - a.score);
        const t1 = performance.now();
        const faces: FoundFace[] = [];
        let first: FaceApi.FaceLandmarks68 | null = null;
        for (const detection of detections.slice(0, options.maxFacesWithLandmarks)) {
          const landmarks = await landmarksFor(input, detection);
          if (!landmarks) continue;
          first ??= landmarks;
          faces.push(toFound(detection, landmarks));
        }
        // Faces beyond the landmark budget still count, so "several faces" is reported honestly.
        for (const detection of detections.slice(options.maxFacesWithLandmarks))
          faces.push(toFound(detection, null));
        const t2 = performance.now();
        const embedded =
          describe && first && faces[0] ? await embed(image, input, first, faces[0].landmarks) : null;
        const t3 = performance.now();
        return {
          width: image.width,
          height: image.height,
          faces,
          embedding: embedded?.embedding ?? null,
          sharpness: embedded?.sharpness ?? null,
          lowerFaceTexture: faces[0] ? lowerFaceTextureRatio(toGrey(image), faces[0].landmarks) : null,
          timings: { detectMs: t1 - t0, landmarksMs: t2 - t1, embeddingMs: t3 - t2 },
        };
      } finally {
        input.dispose();
      }
    },

    async describePortrait(image) {
      for (const padded of [pad(image, 0.5), image]) {
        const input = toTensor(padded);
        try {
          const detection =
            (await faceapi.detectSingleFace(input, ssdOptions)) ??
            (await faceapi.detectSingleFace(input, tinyOptions));
          if (!detection) continue;
          const landmarks = await landmarksFor(input, detection);
          if (!landmarks) continue;
          const face = toFound(detection, landmarks);
          const embedded = await embed(padded, input, landmarks, face.landmarks);
          if (!embedded) continue;
          return { face, embedding: embedded.embedding };
        } finally {
          input.dispose();
        }
      }
      return null;
    },

    alignedCrop(image, face) {
      return alignFace(options.grey ? toGrey(image) : image, face.landmarks);
    },

    embedderId: embedder?.id ?? (options.mirrorAverage ? 'face-api-128-mirrored' : 'face-api-128'),
  };
}
