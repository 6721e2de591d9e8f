"""Generate PyTorch-made test fixtures for the generated-examples module.

The Java test ``TorchInterchangeTest`` (generated-examples) loads the state_dict
files written here into the Java-generated model classes, runs the recorded
inputs through them and compares the outputs with PyTorch's to 1e-5. This proves
that weights trained or initialised in PyTorch load into the generated models.

Files written to ``../resources/torch/`` (relative to this script):
  mlp.safetensors           state_dict of ``Mlp`` (as a PyTorch user would save it)
  mlp_io.safetensors        ``inputs`` [10, 6] and the eval-mode ``outputs`` [10, 3]
  sequence.safetensors      state_dict of ``Sequence``
  sequence_io.safetensors   ``inputs`` [10, 7, 3] and ``outputs`` [10, 2]

This script is NOT run by the tests or by CI; the generated files are committed.
To regenerate (from the repository root):

    apt-get install python3-torch
    /usr/bin/python3 generated-examples/src/test/python/torch_fixture.py

The other direction: TorchInterchangeTest also trains the Java twins a few
steps and saves their weights, inputs and outputs to
generated-examples/target/torch-check/; check that PyTorch loads them (strictly)
and computes the same outputs with

    /usr/bin/python3 generated-examples/src/test/python/torch_fixture.py --check generated-examples/target/torch-check

The output is deterministic (byte-identical) for the torch version recorded in
the ``__metadata__`` of the *_io files; other versions may differ in the random
initialisation.
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "torch"

# The safetensors format is written by hand (even if the `safetensors` package is
# importable) so the output never depends on that package or its version.
DTYPES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}


def write_safetensors(path, tensors, metadata=None):
    """Write {name: tensor} as safetensors: u64-LE header length, JSON header
    (space-padded to a multiple of 8), then the little-endian tensor bytes."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        dtype, np_dtype = DTYPES[t.dtype]
        data = t.detach().cpu().contiguous().numpy().astype(np_dtype).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata is not None:
        header["__metadata__"] = metadata
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(6, 16)
        self.norm = nn.BatchNorm1d(16, eps=1e-3)
        self.features = nn.Linear(16, 8)
        self.layerNorm = nn.LayerNorm(8, eps=1e-3)
        self.output = nn.Linear(8, 3)

    def forward(self, x):
        x = torch.relu(self.norm(self.hidden(x)))
        x = torch.tanh(self.layerNorm(self.features(x)))
        return torch.softmax(self.output(x), dim=-1)


class Sequence(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 8, batch_first=True)
        self.gru = nn.GRU(8, 6, batch_first=True)
        self.rnn = nn.RNN(6, 5, batch_first=True)  # tanh nonlinearity
        self.output = nn.Linear(5, 2)

    def forward(self, x):
        a = self.lstm(x)[0]
        b = self.gru(a)[0]
        c = self.rnn(b)[0][:, -1, :]
        return self.output(c)


def make_mlp():
    torch.manual_seed(2026)
    model = Mlp()  # default Linear init
    with torch.no_grad():  # distinct, non-trivial affine parameters
        for norm in (model.norm, model.layerNorm):
            norm.weight.copy_(1 + 0.3 * torch.randn_like(norm.weight))
            norm.bias.copy_(0.2 * torch.randn_like(norm.bias))
        model.train()  # a few batches so BatchNorm's running stats are non-trivial
        for _ in range(5):
            model(torch.randn(32, 6) * 2 + 0.5)
    model.eval()
    return model, torch.randn(10, 6)


def make_sequence():
    torch.manual_seed(2027)
    model = Sequence().eval()  # default init (bias_ih and bias_hh both non-zero)
    return model, torch.randn(10, 7, 3)


def read_safetensors(path):
    """Read {name: tensor} from a safetensors file (F32 and I64 tensors)."""
    raw = path.read_bytes()
    length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + length])
    header.pop("__metadata__", None)
    numpy_dtypes = {"F32": "<f4", "I64": "<i8"}
    data = raw[8 + length:]
    return {name: torch.from_numpy(np.frombuffer(data[begin:end], dtype=numpy_dtypes[entry["dtype"]])
                                   .reshape(entry["shape"]).copy())
            for name, entry in header.items() for begin, end in [entry["data_offsets"]]}


def check(directory):
    """The other direction: load the weights a Java test trained and saved (strictly, as a user
    would) and compare PyTorch's outputs with those Java recorded."""
    for name, model in (("mlp", Mlp()), ("sequence", Sequence())):
        model.load_state_dict(read_safetensors(directory / f"{name}.safetensors"), strict=True)
        io = read_safetensors(directory / f"{name}_io.safetensors")
        with torch.no_grad():
            outputs = model.eval()(io["inputs"])
        difference = (outputs - io["outputs"]).abs().max().item()
        print(f"{name}: largest |PyTorch - Java| = {difference:.3g}")
        assert difference <= 1e-5, f"{name}: PyTorch's outputs differ from Java's by {difference}"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(Path(sys.argv[2]))
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    meta = {"generator": "torch_fixture.py", "torch": torch.__version__}
    for name, make in (("mlp", make_mlp), ("sequence", make_sequence)):
        model, inputs = make()
        with torch.no_grad():
            outputs = model(inputs.float())
        write_safetensors(OUT_DIR / f"{name}.safetensors", model.state_dict())
        write_safetensors(OUT_DIR / f"{name}_io.safetensors",
                          {"inputs": inputs, "outputs": outputs}, meta)
        print(f"wrote {name}.safetensors, {name}_io.safetensors to {OUT_DIR}")


if __name__ == "__main__":
    main()
