// SHA-256 of every model file the kiosk loads, as shipped by the pinned packages (package-lock.json)
// and Debian's tesseract-ocr-jpn 1:4.1.0-2. `uketsuke doctor` compares the files it would load with
// these: a truncated copy, a swapped model or a tampered file is a FAIL. After upgrading one of those
// packages, recompute with `sha256sum` and update this table in the same commit.
export const FACE_MODEL_SHA256: Readonly<Record<string, string>> = {
  'tiny_face_detector_model-weights_manifest.json':
    '5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5',
  'tiny_face_detector_model.bin': 'b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871',
  'ssd_mobilenetv1_model-weights_manifest.json':
    '888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955',
  'ssd_mobilenetv1_model.bin': '2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8',
  'face_landmark_68_model-weights_manifest.json':
    'ca4886639f86e99b39fed0c155f81b63317225773bd9616716e887b0153389c9',
  'face_landmark_68_model.bin': '4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b',
  'face_recognition_model-weights_manifest.json':
    'cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b',
  'face_recognition_model.bin': 'b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589',
};

export const WASM_SHA256: Readonly<Record<string, string>> = {
  'tfjs-backend-wasm.wasm': '70a5d516060464e5269f01c74bac1772d6b8ab6cb612acf16b5cdaf61f78d892',
  'tfjs-backend-wasm-simd.wasm': '77ebb28a6d34f371dbbf2086b7f2de8994acd8ea5a3cf1fa24d2c26c840cac7b',
  'tfjs-backend-wasm-threaded-simd.wasm': 'c052228d4bef185c27bbe59a9e029570c78bbb9f08b3cb46b597851650373de2',
};

export const OCR_DATA_SHA256: Readonly<Record<string, string>> = {
  'jpn.traineddata': '1f5de9236d2e85f5fdf4b3c500f2d4926f8d9449f28f5394472d9e8d83b91b4d',
  'eng.traineddata.gz': '45b4cb346724ac1774f1c36f42f182b887bcdb28ebe63e6fff90ac41f3fcff91',
};
