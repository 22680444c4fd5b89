/** Kept apart from load.ts so the UI can name the candidates without bundling the loader. */
/** ONNX files tried, most exact first, when the source names none (transformers.js / Optimum names). */
export const ONNX_CANDIDATES = [
  'onnx/model.onnx',
  'onnx/decoder_model_merged.onnx',
  'onnx/decoder_model.onnx',
  'model.onnx',
  'onnx/model_fp16.onnx',
  'onnx/model_quantized.onnx',
  'onnx/model_q8.onnx',
  'onnx/model_q4.onnx',
];
