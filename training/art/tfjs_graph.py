"""A TF.js graph model (model.json + weights) as a PyTorch module, so its layers can be reused and
fine-tuned, and the result written back as a TF.js graph model that the extension's runtime loads.

Only the ops of the models the extension ships are implemented (MediaPipe's convolutions, depthwise
convolutions, PReLU, max pooling, channel padding, adds, reshapes, sigmoid; the face-look trunk's
hard-swish and squeeze-excite: multiplies, ReLU6, means); an unknown op is an error."""
import base64
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DTYPES = {"float32": np.float32, "int32": np.int32}


def read_weights(model_dir, manifest):
    """{name: np.ndarray} from a TF.js weights manifest (float16 / uint8 quantisation undone)."""
    out = {}
    for group in manifest:
        buf = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q and q["dtype"] == "float16":
                arr = np.frombuffer(buf, np.float16, n, off).astype(np.float32)
                off += 2 * n
            elif q and q["dtype"] == "uint8":
                arr = np.frombuffer(buf, np.uint8, n, off).astype(np.float32) * q["scale"] + q["min"]
                off += n
            else:
                dt = DTYPES[w["dtype"]]
                arr = np.frombuffer(buf, dt, n, off).copy()
                off += np.dtype(dt).itemsize * n
            out[w["name"]] = arr.reshape(w["shape"])
    return out


def attr_list(node, key):
    return [int(v) for v in node.get("attr", {}).get(key, {}).get("list", {}).get("i", [])]


def attr_str(node, key):
    s = node.get("attr", {}).get(key, {}).get("s")
    return base64.b64decode(s).decode() if s else None


def same_pad(x, k, stride):
    """TensorFlow's SAME padding (the extra row/column goes bottom/right)."""
    h, w = x.shape[2], x.shape[3]
    ph = max((-(-h // stride) - 1) * stride + k - h, 0)
    pw = max((-(-w // stride) - 1) * stride + k - w, 0)
    return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


class TfjsGraph(nn.Module):
    """Runs the graph in NCHW; weights are parameters named by their TF.js names."""

    def __init__(self, model_dir, json_name):
        super().__init__()
        spec = json.load(open(os.path.join(model_dir, json_name)))
        self.spec = spec
        self.nodes = {n["name"]: n for n in spec["modelTopology"]["node"]}
        self.order = [n["name"] for n in spec["modelTopology"]["node"] if n["op"] != "Const"]
        weights = read_weights(model_dir, spec["weightsManifest"])
        self.names = {}
        self.params = nn.ParameterList()
        self.consts = {}
        for name, arr in weights.items():
            if arr.dtype == np.float32:
                self.names[name] = len(self.params)
                self.params.append(nn.Parameter(torch.from_numpy(arr.copy())))
            else:
                self.consts[name] = arr
        self.input_name = next(n for n in self.order if self.nodes[n]["op"] == "Placeholder")

    def w(self, name):
        return self.params[self.names[name]]

    def forward(self, x, outputs, inputs=None):
        """x: NCHW input (or None with `inputs` giving intermediate values); returns {name: tensor}."""
        vals = dict(inputs or {})
        if x is not None:
            vals[self.input_name] = x
        need = self._needed(outputs, set(vals))
        for name in self.order:
            if name in vals or name not in need:
                continue
            vals[name] = self._run(self.nodes[name], vals)
        return {o: vals[o] for o in outputs}

    def _needed(self, outputs, have):
        need, stack = set(), list(outputs)
        while stack:
            n = stack.pop()
            if n in need or n in have or n not in self.nodes or self.nodes[n]["op"] == "Const":
                continue
            need.add(n)
            stack.extend(i.split(":")[0] for i in self.nodes[n].get("input", []))
        return need

    def _run(self, node, vals):
        op = node["op"]
        ins = [i.split(":")[0] for i in node.get("input", [])]
        if op == "_FusedConv2D":
            x = vals[ins[0]]
            k = self.w(ins[1])  # HWIO
            stride = attr_list(node, "strides")[1]
            kernel = k.permute(3, 2, 0, 1)
            if attr_str(node, "padding") == "SAME":
                x = same_pad(x, k.shape[0], stride)
            y = F.conv2d(x, kernel, self.w(ins[2]), stride=stride)
            fused = [base64.b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"]["s"]]
            if "Prelu" in fused:
                y = self._prelu(y, self.w(ins[3]))
            elif "Relu" in fused:
                y = F.relu(y)
            return y
        if op in ("DepthwiseConv2dNative", "FusedDepthwiseConv2dNative"):
            x = vals[ins[0]]
            k = self.w(ins[1])  # H W C 1
            stride = attr_list(node, "strides")[1]
            if attr_str(node, "padding") == "SAME":
                x = same_pad(x, k.shape[0], stride)
            y = F.conv2d(x, k.permute(2, 3, 0, 1), stride=stride, groups=k.shape[2])
            if op == "DepthwiseConv2dNative":
                return y
            fused = [base64.b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"]["s"]]
            if fused not in (["BiasAdd"], ["BiasAdd", "Relu"]):
                raise NotImplementedError(f"{op} with {fused}")
            y = y + self.w(ins[2]).reshape(1, -1, 1, 1)
            return F.relu(y) if "Relu" in fused else y
        if op == "Prelu":
            return self._prelu(vals[ins[0]], self.w(ins[1]))
        if op in ("AddV2", "Add"):
            return self._value(ins[0], vals) + self._value(ins[1], vals)
        if op == "Mul":
            return self._value(ins[0], vals) * self._value(ins[1], vals)
        if op == "Relu6":
            return F.relu6(vals[ins[0]])
        if op == "Mean":
            # NHWC reduction axes of the TF graph, over the NCHW tensors run here.
            axes = [{1: 2, 2: 3, 3: 1}[int(a)] for a in self.consts[ins[1]].reshape(-1)]
            return vals[ins[0]].mean(axes, keepdim=bool(node["attr"].get("keep_dims", {}).get("b")))
        if op == "MaxPool":
            k = attr_list(node, "ksize")[1]
            s = attr_list(node, "strides")[1]
            return F.max_pool2d(vals[ins[0]], k, s)
        if op == "Pad":
            p = self.consts[ins[1]]  # NHWC paddings
            x = vals[ins[0]]
            return F.pad(x, (int(p[2][0]), int(p[2][1]), int(p[1][0]), int(p[1][1]), int(p[3][0]), int(p[3][1])))
        if op == "Sigmoid":
            return torch.sigmoid(vals[ins[0]])
        if op in ("Identity",):
            return vals[ins[0]]
        if op == "Reshape":
            x = vals[ins[0]].permute(0, 2, 3, 1)  # back to NHWC order before flattening
            shape = [int(v) for v in self.consts[ins[1]]]
            return x.reshape([x.shape[0]] + shape[1:])
        raise NotImplementedError(op)

    def _value(self, name, vals):
        """A computed value, or a scalar weight (the constants of hard-swish and squeeze-excite)."""
        return vals[name] if name in vals else self.w(name)

    @staticmethod
    def _prelu(x, alpha_neg):
        # TF.js stores PReLU's alpha as its negation ("Neg" constant folded): prelu(x) = relu(x) - alpha * relu(-x).
        a = alpha_neg.reshape(1, -1, 1, 1)
        return F.relu(x) + a * torch.minimum(x, torch.zeros_like(x))


def pool(t):
    """Channel mean and standard deviation over the grid of an NCHW tensor: what export_branch's graphs
    compute at each pool."""
    mean = t.mean((2, 3))
    std = (t.square().mean((2, 3)) - mean.square()).clamp_min(1e-6).sqrt()
    return torch.cat([mean, std], 1)


def _const(name, shape, dtype="DT_FLOAT"):
    return {
        "name": name,
        "op": "Const",
        "attr": {
            "dtype": {"type": dtype},
            "value": {"tensor": {"dtype": dtype, "tensorShape": {"dim": [{"size": str(s)} for s in shape]}}},
        },
    }


def _op(name, op, inputs, **attr):
    return {"name": name, "op": op, "input": inputs, "attr": {"T": {"type": "DT_FLOAT"}, **attr}}


def export_branch(graph, split, pools, head_weight, head_bias, out_dir, name, feature_shape, note=""):
    """Writes `name`.json/.bin: the nodes of `graph` from `split` (an input placeholder of
    `feature_shape`, NHWC) up to the nodes in `pools`, each pooled to its channels' mean and standard
    deviation, all concatenated, then a linear layer, as a TF.js graph model (weights as float16). The
    output is the linear layer's value: a logit, or a part of one that the caller adds to others."""
    need = set()
    for node in pools:
        need |= graph._needed([node], {split})
    nodes, weights, blobs = [], [], []

    def add_weight(wname, arr, dtype="float32"):
        arr = np.asarray(arr)
        nodes.append(_const(wname, arr.shape, "DT_INT32" if dtype == "int32" else "DT_FLOAT"))
        if dtype == "int32":
            weights.append({"name": wname, "shape": list(arr.shape), "dtype": "int32"})
            blobs.append(arr.astype(np.int32).tobytes())
        else:
            weights.append(
                {"name": wname, "shape": list(arr.shape), "dtype": "float32",
                 "quantization": {"dtype": "float16", "original_dtype": "float32"}}
            )
            blobs.append(arr.astype(np.float16).tobytes())

    nodes.append(
        {
            "name": "features",
            "op": "Placeholder",
            "attr": {"dtype": {"type": "DT_FLOAT"}, "shape": {"shape": {"dim": [{"size": str(s)} for s in feature_shape]}}},
        }
    )
    rename = lambda i: "features" if i.split(":")[0] == split else i  # noqa: E731
    used = set()
    for n in graph.order:
        if n not in need:
            continue
        node = json.loads(json.dumps(graph.nodes[n]))
        node["input"] = [rename(i) for i in node.get("input", [])]
        for i in node["input"]:
            i = i.split(":")[0]
            if i in graph.names and i not in used:
                used.add(i)
                add_weight(i, graph.w(i).detach().numpy())
            elif i in graph.consts and i not in used:
                used.add(i)
                add_weight(i, graph.consts[i], "int32")
        nodes.append(node)
    add_weight("pool/axes", np.array([1, 2]), "int32")
    add_weight("pool/eps", np.array(1e-6, dtype=np.float32))
    add_weight("pool/concat_axis", np.array(1), "int32")
    add_weight("head/weight", np.asarray(head_weight, np.float32).reshape(-1, 1))
    add_weight("head/bias", np.asarray(head_bias, np.float32).reshape(1))
    keep = {"keep_dims": {"b": False}, "Tidx": {"type": "DT_INT32"}}
    pooled = []
    for k, node in enumerate(pools):
        src = rename(node)
        nodes += [
            _op(f"pool{k}/mean", "Mean", [src, "pool/axes"], **keep),
            _op(f"pool{k}/square", "Square", [src]),
            _op(f"pool{k}/mean_square", "Mean", [f"pool{k}/square", "pool/axes"], **keep),
            _op(f"pool{k}/mean_2", "Square", [f"pool{k}/mean"]),
            _op(f"pool{k}/variance", "Sub", [f"pool{k}/mean_square", f"pool{k}/mean_2"]),
            _op(f"pool{k}/variance_pos", "Maximum", [f"pool{k}/variance", "pool/eps"]),
            _op(f"pool{k}/std", "Sqrt", [f"pool{k}/variance_pos"]),
        ]
        pooled += [f"pool{k}/mean", f"pool{k}/std"]
    nodes += [
        _op("pool/concat", "ConcatV2", pooled + ["pool/concat_axis"], N={"i": str(len(pooled))}, Tidx={"type": "DT_INT32"}),
        _op("head/matmul", "MatMul", ["pool/concat", "head/weight"], transpose_a={"b": False}, transpose_b={"b": False}),
        _op("head/logit", "BiasAdd", ["head/matmul", "head/bias"]),
        _op("Identity", "Identity", ["head/logit"]),
    ]
    spec = {
        "format": "graph-model",
        "generatedBy": "FaceGuard training/art" + (f" ({note})" if note else ""),
        "convertedBy": "training/art/tfjs_graph.py",
        "signature": {
            "inputs": {"features": {"name": "features:0", "dtype": "DT_FLOAT"}},
            "outputs": {"logit": {"name": "Identity:0", "dtype": "DT_FLOAT"}},
        },
        "modelTopology": {"node": nodes, "library": {}, "versions": {}},
        "weightsManifest": [{"paths": [f"{name}.bin"], "weights": weights}],
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
        json.dump(spec, f, separators=(",", ":"))
    with open(os.path.join(out_dir, f"{name}.bin"), "wb") as f:
        f.write(b"".join(blobs))
