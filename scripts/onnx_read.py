"""Read an ONNX file's nodes and float initializers with numpy alone.

A deliberately small protobuf wire-format reader, independent of the lab's TypeScript (which uses
onnx-proto/protobufjs), so reference scripts can check the lab against weights read another way.
It reads only what the references need: node name, op type, inputs and outputs, and float32/int64
initializers (raw_data or the typed repeated fields).
"""
import numpy as np


def _varint(buf, i):
    shift = 0
    out = 0
    while True:
        b = buf[i]
        i += 1
        out |= (b & 0x7F) << shift
        if b < 0x80:
            return out, i
        shift += 7


def _fields(buf):
    """Yield (field_number, wire_type, value) for one message; value is int or bytes."""
    i = 0
    n = len(buf)
    while i < n:
        key, i = _varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            v, i = _varint(buf, i)
        elif wire == 1:
            v = buf[i:i + 8]
            i += 8
        elif wire == 2:
            ln, i = _varint(buf, i)
            v = buf[i:i + ln]
            i += ln
        elif wire == 5:
            v = buf[i:i + 4]
            i += 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield field, wire, v


def _packed_varints(b):
    out, i = [], 0
    while i < len(b):
        v, i = _varint(b, i)
        out.append(v)
    return out


_DTYPES = {1: np.float32, 6: np.int32, 7: np.int64, 11: np.float64}


def _tensor(buf):
    dims, dtype, name, raw = [], None, "", None
    floats, ints = [], []
    for f, w, v in _fields(buf):
        if f == 1:
            dims.extend(_packed_varints(v) if w == 2 else [v])
        elif f == 2:
            dtype = v
        elif f == 8:
            name = bytes(v).decode()
        elif f == 9:
            raw = bytes(v)
        elif f == 4:
            floats.append(np.frombuffer(bytes(v), dtype="<f4") if w == 2 else np.frombuffer(bytes(v), "<f4"))
        elif f == 7:
            ints.extend(_packed_varints(v) if w == 2 else [v])
    np_dtype = _DTYPES.get(dtype)
    if np_dtype is None:
        return name, None
    if raw is not None:
        arr = np.frombuffer(raw, dtype=np.dtype(np_dtype).newbyteorder("<")).astype(np_dtype)
    elif floats:
        arr = np.concatenate(floats).astype(np.float32)
    else:
        arr = np.array([x - (1 << 64) if x >= 1 << 63 else x for x in ints], dtype=np_dtype)
    return name, arr.reshape(dims)


def _node(buf):
    node = {"input": [], "output": [], "name": "", "op_type": ""}
    for f, _, v in _fields(buf):
        if f == 1:
            node["input"].append(bytes(v).decode())
        elif f == 2:
            node["output"].append(bytes(v).decode())
        elif f == 3:
            node["name"] = bytes(v).decode()
        elif f == 4:
            node["op_type"] = bytes(v).decode()
    return node


def read_onnx(path):
    """Return (nodes, initializers): nodes as dicts in graph order, initializers name -> ndarray."""
    data = memoryview(open(path, "rb").read())
    graph = None
    for f, _, v in _fields(data):
        if f == 7:
            graph = v
    if graph is None:
        raise ValueError(f"{path}: no graph")
    nodes, inits = [], {}
    for f, _, v in _fields(graph):
        if f == 1:
            nodes.append(_node(v))
        elif f == 5:
            name, arr = _tensor(v)
            if arr is not None:
                inits[name] = arr
    return nodes, inits
