/** The loader's ONNX file order for "auto", from a module that does not pull the loader into the page. */
export { ONNX_CANDIDATES as ONNX_AUTO_ORDER } from '../model/hf/onnx-files';
