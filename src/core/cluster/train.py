#!/usr/bin/env python3
"""Trains a CelebA Studio run with PyTorch DistributedDataParallel.

The run is the studio's: config.json holds its settings and train.csv,
validation.csv and test.csv its split (file name, label), next to this file.
Launch it with torchrun on one GPU, several, or several nodes (see README.md):

    torchrun --standalone --nproc_per_node=1 train.py \\
        --data img_align_celeba.zip --labels list_attr_celeba.csv

It writes OUT/model.h5 (Keras HDF5, the studio's layer names: load it back
with "Load model"), history.csv, metrics.json and config.json, and a
checkpoint every epoch (--resume continues from it).
"""

import argparse
import contextlib
import csv
import io
import json
import math
import os
import sys
import time
import urllib.request
import zipfile

import h5py
import numpy as np
import torch
import torch.distributed as dist
from PIL import Image
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, Dataset, DistributedSampler
from torchvision.models.vgg import cfgs, make_layers

HERE = os.path.dirname(os.path.abspath(__file__))
CAFFE_MEAN_BGR = np.array([103.939, 116.779, 123.68], dtype=np.float32)
EPSILON = 1e-7
VGG16_BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]
WEIGHTS_FILE = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/" + WEIGHTS_FILE
SPLITS = ("train", "validation", "test")


def fail(message):
    print(f"train.py: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


# ---------------------------------------------------------------- arguments


def parse_args(argv):
    config_path = os.path.join(HERE, "config.json")
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config", default=config_path)
    known, _ = pre.parse_known_args(argv)
    if not os.path.exists(known.config):
        fail(f"{known.config} is missing: run train.py from the exported job's folder")
    with open(known.config, encoding="utf-8") as f:
        config = json.load(f)
    training, model = config["training"], config["model"]
    parser = argparse.ArgumentParser(
        description="Train the CelebA Studio run of config.json with PyTorch (torchrun, DDP).",
        epilog="Every default comes from config.json.",
    )
    parser.add_argument("--config", default=config_path, help="the run's config.json")
    parser.add_argument("--data", required=True, help="the image zip or the unzipped folder")
    parser.add_argument("--labels", required=True, help="the attribute (label) file dropped in the studio")
    parser.add_argument("--out", default="results", help="folder for model.h5, history.csv, metrics.json")
    parser.add_argument("--image-size", type=int, default=model["inputSize"],
                        help=f"square input side, a multiple of 32 (default {model['inputSize']})")
    parser.add_argument("--epochs", type=int, default=training["epochs"],
                        help=f"epochs of phase 1, the head on the frozen base (default {training['epochs']})")
    parser.add_argument("--fine-tune-epochs", type=int, default=training["fineTuneEpochs"],
                        help=f"epochs of phase 2, fine-tuning (default {training['fineTuneEpochs']})")
    parser.add_argument("--batch-size", type=int, default=training["batchSize"],
                        help="global batch, split evenly over the processes "
                             f"(default {training['batchSize']})")
    parser.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint.pt")
    parser.add_argument("--weights", default=None,
                        help="the Keras VGG16 notop .h5, or 'random' "
                             "(default: as in the studio, ImageNet unless the run used a random base)")
    parser.add_argument("--workers", type=int, default=None,
                        help="data loader processes per GPU (default 4 on CUDA, 0 on CPU)")
    parser.add_argument("--amp", action="store_true", help="mixed precision on CUDA (off: fp32, as the studio)")
    parser.add_argument("--tf32", action="store_true", help="allow TF32 matmuls and convolutions on CUDA")
    parser.add_argument("--dump-inputs", type=int, default=0, metavar="N",
                        help="write the first N preprocessed test inputs and their probabilities to OUT/inputs.json")
    args = parser.parse_args(argv)
    args.config_data = config
    return args


def effective_config(args):
    config = json.loads(json.dumps(args.config_data))
    config["model"]["inputSize"] = args.image_size
    config["training"]["epochs"] = args.epochs
    config["training"]["fineTuneEpochs"] = args.fine_tune_epochs
    config["training"]["batchSize"] = args.batch_size
    if args.image_size % 32 or not 32 <= args.image_size <= 224:
        fail(f"--image-size must be a multiple of 32 from 32 to 224 (got {args.image_size})")
    return config


# ---------------------------------------------------------------- distributed


class Cluster:
    """This process's place in the job: rank, world size, device."""

    def __init__(self):
        self.distributed = "RANK" in os.environ and "WORLD_SIZE" in os.environ
        self.rank = int(os.environ.get("RANK", 0))
        self.world = int(os.environ.get("WORLD_SIZE", 1))
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        if torch.cuda.is_available():
            torch.cuda.set_device(self.local_rank)
            self.device = torch.device("cuda", self.local_rank)
        else:
            self.device = torch.device("cpu")
        if self.distributed:
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")

    @property
    def main(self):
        return self.rank == 0

    def sum(self, values):
        """Sums a list of numbers over all processes."""
        tensor = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.distributed:
            dist.all_reduce(tensor)
        return tensor.tolist()

    def barrier(self):
        if self.distributed:
            dist.barrier()

    def close(self):
        if self.distributed:
            dist.destroy_process_group()


# ---------------------------------------------------------------- data


def read_split(name):
    path = os.path.join(HERE, f"{name}.csv")
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append((row["image"], int(row["label"])))
    return rows


class ImageFiles:
    """The dropped images by base name: a zip read entry by entry (never unpacked) or a folder."""

    def __init__(self, path):
        self.path = path
        self.is_zip = os.path.isfile(path) and zipfile.is_zipfile(path)
        if self.is_zip:
            with zipfile.ZipFile(path) as archive:
                names = [i.filename for i in archive.infolist() if not i.is_dir()]
        elif os.path.isdir(path):
            names = [os.path.relpath(os.path.join(d, n), path) for d, _, files in os.walk(path) for n in files]
        else:
            fail(f"--data {path} is neither a zip file nor a folder")
        self.where = {}
        for name in names:
            base = name.replace("\\", "/").rsplit("/", 1)[-1]
            if base.startswith("._") or "__MACOSX" in name:
                continue
            self.where.setdefault(base, name)
        self._archive = None
        self._pid = None

    def __getstate__(self):
        # Each data-loader process opens its own handle on the zip.
        state = dict(self.__dict__)
        state["_archive"] = None
        return state

    def read(self, name):
        entry = self.where[name]
        if not self.is_zip:
            with open(os.path.join(self.path, entry), "rb") as f:
                return f.read()
        if self._archive is None or self._pid != os.getpid():
            self._archive = zipfile.ZipFile(self.path)
            self._pid = os.getpid()
        return self._archive.read(entry)


def resize_square(rgb, size):
    """Bilinear, pixel centres aligned, rounded half up: the studio's resize."""
    height, width = rgb.shape[:2]

    def axis(n):
        f = np.clip((np.arange(size) + 0.5) * (n / size) - 0.5, 0, n - 1)
        lo = np.floor(f).astype(np.int64)
        return lo, np.minimum(lo + 1, n - 1), f - lo

    y0, y1, wy = axis(height)
    x0, x1, wx = axis(width)
    src = rgb.astype(np.float64)
    wx = wx[None, :, None]
    top = src[np.ix_(y0, x0)] * (1 - wx) + src[np.ix_(y0, x1)] * wx
    bottom = src[np.ix_(y1, x0)] * (1 - wx) + src[np.ix_(y1, x1)] * wx
    out = top * (1 - wy[:, None, None]) + bottom * wy[:, None, None]
    return np.floor(out + 0.5).clip(0, 255).astype(np.uint8)


def draw_augmentation(rng, params, width, height):
    """One image's random flip, rotation, zoom per axis, shift and brightness (Keras's semantics)."""
    r = math.radians(params["rotationRange"])
    z = params["zoomRange"]
    low, high = params["brightnessRange"]
    sx, sy = params["widthShift"], params["heightShift"]
    return {
        "flip": bool(params["horizontalFlip"] and rng.random() < 0.5),
        "angle": rng.uniform(-r, r) if r > 0 else 0.0,
        "zoom_x": rng.uniform(1 - z, 1 + z) if z > 0 else 1.0,
        "zoom_y": rng.uniform(1 - z, 1 + z) if z > 0 else 1.0,
        "shift_x": rng.uniform(-sx, sx) * width if sx > 0 else 0.0,
        "shift_y": rng.uniform(-sy, sy) * height if sy > 0 else 0.0,
        "brightness": rng.uniform(low, high) if (low, high) != (1, 1) else 1.0,
    }


def transform(image, d):
    """Samples each output pixel from the input (bilinear); outside the image the nearest edge fills it."""
    height, width = image.shape[:2]
    cx, cy = (width - 1) / 2, (height - 1) / 2
    cos, sin = math.cos(d["angle"]), math.sin(d["angle"])
    a0, a1 = d["zoom_x"] * cos, -d["zoom_x"] * sin
    a2 = cx - a0 * cx - a1 * cy + d["shift_x"]
    b0, b1 = d["zoom_y"] * sin, d["zoom_y"] * cos
    b2 = cy - b0 * cx - b1 * cy + d["shift_y"]
    if d["flip"]:
        a0, a1, a2 = -a0, -a1, width - 1 - a2
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    sx = np.clip(a0 * xs + a1 * ys + a2, 0, width - 1)
    sy = np.clip(b0 * xs + b1 * ys + b2, 0, height - 1)
    x0, y0 = np.floor(sx).astype(np.int64), np.floor(sy).astype(np.int64)
    x1, y1 = np.minimum(x0 + 1, width - 1), np.minimum(y0 + 1, height - 1)
    wx, wy = (sx - x0)[..., None], (sy - y0)[..., None]
    image = image.astype(np.float32, copy=False)
    top = image[y0, x0] * (1 - wx) + image[y0, x1] * wx
    bottom = image[y1, x0] * (1 - wx) + image[y1, x1] * wx
    return top * (1 - wy) + bottom * wy


def augment_is_off(params):
    return (not params["horizontalFlip"] and params["rotationRange"] == 0 and params["zoomRange"] == 0
            and params["widthShift"] == 0 and params["heightShift"] == 0
            and list(params["brightnessRange"]) == [1, 1])


def preprocess_caffe(rgb):
    """Keras "caffe": RGB to BGR, minus the ImageNet means, no scaling. NHWC float32."""
    return (rgb[..., ::-1] - CAFFE_MEAN_BGR).astype(np.float32)


class SplitImages(Dataset):
    """One split's images, decoded on demand, augmented when `augment` is given."""

    def __init__(self, rows, files, size, augment=None, seed=0):
        self.rows, self.files, self.size = rows, files, size
        self.augment, self.seed = augment, seed
        self.phase, self.epoch = 0, 0

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        name, label = self.rows[index]
        try:
            with Image.open(io.BytesIO(self.files.read(name))) as image:
                rgb = resize_square(np.asarray(image.convert("RGB")), self.size).astype(np.float32)
            ok = 1.0
        except Exception:  # noqa: BLE001 - a bad image is skipped and counted, as in the studio
            rgb, ok = np.zeros((self.size, self.size, 3), dtype=np.float32), 0.0
        if self.augment is not None and not augment_is_off(self.augment):
            # Seeded per image and epoch: the same draws whatever the number of processes.
            rng = np.random.default_rng([self.seed, self.phase, self.epoch, index])
            d = draw_augmentation(rng, self.augment, self.size, self.size)
            rgb = transform(rgb, d)
            if d["brightness"] != 1:
                rgb = np.clip(rgb * d["brightness"], 0, 255)
        return torch.from_numpy(preprocess_caffe(rgb).copy()), float(label), index, ok


def check_labels(path, rows):
    """The split CSVs carry the labels; the attribute file must name the same images."""
    names = set()
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        for line in f:
            field = line.replace(",", " ").split()
            if field:
                names.add(field[0])
    missing = [n for n, _ in rows if n not in names]
    if len(missing) == len(rows):
        fail(f"--labels {path} names none of the split's images (first: {rows[0][0]}): "
             "is it the file dropped in the studio?")
    if missing:
        print(f"Warning: {len(missing)} of the split's images are not in {path} (first: {missing[0]}).", flush=True)


# ---------------------------------------------------------------- model


class StudioClassifier(nn.Module):
    """VGG16 without top and the studio's head, Keras's layer order; inputs NHWC like Keras."""

    def __init__(self, model):
        super().__init__()
        self.base = make_layers(cfgs["D"], batch_norm=False)
        self.conv_names = []
        block, conv = 1, 0
        for layer in self.base:
            if isinstance(layer, nn.Conv2d):
                conv += 1
                self.conv_names.append((f"block{block}_conv{conv}", layer))
            elif isinstance(layer, nn.MaxPool2d):
                block, conv = block + 1, 0
        head = model["head"]
        self.pooling = head["pooling"]
        side = model["inputSize"] // 32
        inputs = 512 * side * side if self.pooling == "flatten" else 512
        self.dense = nn.ModuleList()
        for units in head["dense"]:
            self.dense.append(nn.Linear(inputs, units))
            inputs = units
        self.dropout = nn.Dropout(head["dropout"])
        self.output = nn.Linear(inputs, 1)

    def keras_layers(self):
        """(Keras name, module) in the studio's layer order, with the layers that hold no weights."""
        layers = [("input_1", None)]
        names = iter(self.conv_names)
        block = 1
        for layer in self.base:
            if isinstance(layer, nn.Conv2d):
                layers.append(next(names))
            elif isinstance(layer, nn.MaxPool2d):
                layers.append((f"block{block}_pool", None))
                block += 1
        layers.append(("flatten" if self.pooling == "flatten" else "global_average_pooling2d", None))
        dense = [("dense" if i == 0 else f"dense_{i}", d) for i, d in enumerate(self.dense)]
        layers += dense + [("dropout", None), (f"dense_{len(self.dense)}" if self.dense else "dense", self.output)]
        return layers

    def features(self, x):
        return self.base(x.permute(0, 3, 1, 2))

    def head(self, f):
        # Keras flattens NHWC: channels vary fastest, so the Dense kernels keep their row order.
        f = f.permute(0, 2, 3, 1).flatten(1) if self.pooling == "flatten" else f.mean(dim=(2, 3))
        for layer in self.dense:
            f = torch.relu(layer(f))
        return torch.sigmoid(self.output(self.dropout(f))).squeeze(1)

    def forward(self, x, frozen_base=False):
        if frozen_base:
            with torch.no_grad():
                f = self.features(x)
        else:
            f = self.features(x)
        return self.head(f)


def glorot_init(model, seed):
    """Keras's initialisers: Glorot uniform kernels, zero biases, seeded."""
    generator = torch.Generator().manual_seed(seed)
    for module in model.modules():
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            fan_out = module.weight.shape[0] * module.weight[0, 0].numel()
            fan_in = module.weight[0].numel()
            limit = math.sqrt(6 / (fan_in + fan_out))
            with torch.no_grad():
                module.weight.copy_(torch.rand(module.weight.shape, generator=generator) * 2 * limit - limit)
                module.bias.zero_()


def decoded(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def read_keras_h5(path):
    """Layer name -> its arrays, from save_weights, model.save or the official notop file."""
    with h5py.File(path, "r") as f:
        root = f if "layer_names" in f.attrs else f.get("model_weights")
        if root is None or "layer_names" not in root.attrs:
            fail(f"{path} is not a Keras weights file: no layer_names at its root or under model_weights")
        weights = {}
        for layer in (decoded(n) for n in root.attrs["layer_names"]):
            group = root[layer]
            names = [decoded(n) for n in group.attrs.get("weight_names", [])]
            weights[layer] = [np.asarray(group[n], dtype=np.float32) for n in names]
        return weights


def load_keras_weights(model, weights, path, base_only):
    """Copies Keras arrays into the model: conv kernels HWIO -> OIHW, dense kernels transposed."""
    for name, module in model.keras_layers():
        if module is None or (base_only and not name.startswith("block")):
            continue
        arrays = weights.get(name)
        if not arrays or len(arrays) != 2:
            fail(f"{path} has no kernel and bias for layer {name}")
        kernel, bias = arrays
        kernel = kernel.transpose(3, 2, 0, 1) if kernel.ndim == 4 else kernel.T
        if tuple(kernel.shape) != tuple(module.weight.shape):
            fail(f"{path}: layer {name} has a kernel of shape {list(arrays[0].shape)}, "
                 f"the model expects {list(module.weight.shape)} (PyTorch layout)")
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(np.ascontiguousarray(kernel)))
            module.bias.copy_(torch.from_numpy(bias))


def write_keras_h5(path, model, run):
    """model.save()'s layout: model_weights/<layer>/<layer>/kernel:0, names as fixed-length strings."""
    tmp = path + ".tmp"
    layers = model.keras_layers()
    with h5py.File(tmp, "w") as f:
        f.attrs["keras_version"] = np.bytes_("2.15.0")
        f.attrs["backend"] = np.bytes_("tensorflow")
        # The studio reads the run back from here; a dataset has no 64 KB limit.
        f.create_dataset("studio_run", data=np.frombuffer(json.dumps(run).encode("utf-8"), dtype=np.uint8))
        group = f.create_group("model_weights")
        group.attrs["layer_names"] = np.array([n.encode() for n, _ in layers])
        group.attrs["backend"] = np.bytes_("tensorflow")
        group.attrs["keras_version"] = np.bytes_("2.15.0")
        for name, module in layers:
            layer = group.create_group(name)
            if module is None:
                layer.attrs["weight_names"] = np.zeros((0,), dtype=np.float64)
                continue
            weight = module.weight.detach().float().cpu().numpy()
            kernel = weight.transpose(2, 3, 1, 0) if weight.ndim == 4 else weight.T
            bias = module.bias.detach().float().cpu().numpy()
            names = [f"{name}/kernel:0", f"{name}/bias:0"]
            layer.attrs["weight_names"] = np.array([n.encode() for n in names])
            layer.create_dataset(names[0], data=np.ascontiguousarray(kernel, dtype=np.float32))
            layer.create_dataset(names[1], data=bias.astype(np.float32))
    os.replace(tmp, path)


def find_weights(choice, config, cluster):
    if choice is None:
        choice = "random" if config.get("job", {}).get("baseWeights") == "random" else "imagenet"
    if choice == "random":
        return None
    if choice != "imagenet":
        if not os.path.exists(choice):
            fail(f"--weights {choice}: no such file")
        return choice
    candidates = [os.path.join(HERE, WEIGHTS_FILE), WEIGHTS_FILE,
                  os.path.join(os.path.expanduser("~"), ".keras", "models", WEIGHTS_FILE)]
    for path in candidates:
        if os.path.exists(path):
            return path
    target = os.path.join(HERE, WEIGHTS_FILE)
    # Once per node (its folder may not be shared); a private temporary name keeps nodes apart.
    if cluster.local_rank == 0:
        print(f"Downloading {WEIGHTS_URL}", flush=True)
        part = f"{target}.{os.getpid()}.part"
        try:
            urllib.request.urlretrieve(WEIGHTS_URL, part)
            os.replace(part, target)
        except OSError as error:
            fail(f"could not download the ImageNet weights ({error}): put {WEIGHTS_FILE} next to train.py")
    cluster.barrier()
    return target


def set_trainable(model, from_block):
    """Phase 1 (None) freezes the base; n unfreezes blocks n..5. The head always trains."""
    for name, module in model.conv_names:
        train = from_block is not None and int(name[5]) >= from_block
        for p in module.parameters():
            p.requires_grad_(train)


# ---------------------------------------------------------------- training


def bce(probabilities, labels):
    """Keras's binary cross-entropy on probabilities, clipped at 1e-7, per image."""
    p = probabilities.clamp(EPSILON, 1 - EPSILON)
    return -(labels * torch.log(p) + (1 - labels) * torch.log(1 - p))


def grad_scaler(enabled):
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):
        return torch.amp.GradScaler("cuda", enabled=enabled)
    return torch.cuda.amp.GradScaler(enabled=enabled)


class Run:
    def __init__(self, args, config, cluster):
        self.args, self.config, self.cluster = args, config, cluster
        self.training = config["training"]
        self.out = args.out
        self.history = []
        self.shards = []
        self.started = time.time()
        self.elapsed_before = 0.0
        self.phases = [
            ("head", self.training["epochs"], self.training["learningRate"]),
            ("fine-tune", self.training["fineTuneEpochs"], self.training["fineTuneLearningRate"]),
        ]
        if args.batch_size % cluster.world:
            fail(f"--batch-size {args.batch_size} is the global batch: it must divide by the "
                 f"{cluster.world} processes")
        self.per_rank = args.batch_size // cluster.world
        self.amp = args.amp and cluster.device.type == "cuda"
        if args.amp and not self.amp and cluster.main:
            print("--amp needs CUDA: training in fp32.", flush=True)
        files = ImageFiles(args.data)
        rows = {s: read_split(s) for s in SPLITS}
        all_rows = [r for s in SPLITS for r in rows[s]]
        absent = [n for n, _ in all_rows if n not in files.where]
        if len(absent) == len(all_rows):
            fail(f"--data {args.data} holds none of the split's images (first: {all_rows[0][0]})")
        if absent and cluster.main:
            print(f"Warning: {len(absent)} images are not in {args.data}; they are skipped (first: {absent[0]}).")
        for s in SPLITS:
            rows[s] = [r for r in rows[s] if r[0] in files.where]
        if cluster.main:
            check_labels(args.labels, all_rows)
        size, seed = args.image_size, self.training["seed"]
        self.sets = {
            "train": SplitImages(rows["train"], files, size, config["augment"], seed),
            "validation": SplitImages(rows["validation"], files, size),
            "test": SplitImages(rows["test"], files, size),
        }
        torch.manual_seed(seed)
        self.model = StudioClassifier(config["model"])
        glorot_init(self.model, seed)
        weights = find_weights(args.weights, config, cluster)
        self.base_weights = "random" if weights is None else os.path.basename(weights)
        if weights is not None:
            load_keras_weights(self.model, read_keras_h5(weights), weights, base_only=True)
        self.model.to(cluster.device)
        self.workers = args.workers if args.workers is not None else (4 if cluster.device.type == "cuda" else 0)

    def precision(self):
        """fp16 autocast on CUDA with --amp; fp32 otherwise, as the studio trains."""
        return torch.autocast(device_type="cuda", dtype=torch.float16) if self.amp else contextlib.nullcontext()

    def loader(self, dataset, sampler, batch):
        return DataLoader(dataset, batch_size=batch, sampler=sampler, num_workers=self.workers,
                          pin_memory=self.cluster.device.type == "cuda")

    def evaluate(self, split, confusion=False):
        """Loss and accuracy over a split; each process takes every world-th image."""
        dataset = self.sets[split]
        if len(dataset) == 0:
            return None
        indices = list(range(self.cluster.rank, len(dataset), self.cluster.world))
        self.model.eval()
        sums = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]  # loss, correct, count, tn, fp, fn, tp
        with torch.no_grad():
            for x, y, _, ok in self.loader(dataset, indices, max(1, self.per_rank)):
                x, y, ok = (t.to(self.cluster.device) for t in (x, y.float(), ok.float()))
                p = self.model(x).float()
                predicted = (p >= 0.5).float()
                sums[0] += float((bce(p, y) * ok).sum())
                sums[1] += float(((predicted == y).float() * ok).sum())
                sums[2] += float(ok.sum())
                for k, (actual, guess) in enumerate(((0, 0), (0, 1), (1, 0), (1, 1))):
                    sums[3 + k] += float((((y == actual) & (predicted == guess)).float() * ok).sum())
        total = self.cluster.sum(sums)
        count = max(total[2], 1)
        result = {"loss": total[0] / count, "accuracy": total[1] / count, "count": int(total[2])}
        if confusion:
            result["confusion"] = [[int(total[3]), int(total[4])], [int(total[5]), int(total[6])]]
        return result

    def checkpoint_path(self):
        return os.path.join(self.out, "checkpoint.pt")

    def save_checkpoint(self, position, optimizer, early):
        if not self.cluster.main:
            return
        state = {"model": self.model.state_dict(), "optimizer": optimizer.state_dict(),
                 "position": position, "history": self.history, "early": early,
                 "elapsed": self.elapsed_before + time.time() - self.started}
        torch.save(state, self.checkpoint_path() + ".tmp")
        os.replace(self.checkpoint_path() + ".tmp", self.checkpoint_path())

    def load_checkpoint(self):
        if not self.args.resume or not os.path.exists(self.checkpoint_path()):
            if self.args.resume and self.cluster.main:
                print(f"No checkpoint in {self.out}: starting from the beginning.", flush=True)
            return None
        state = torch.load(self.checkpoint_path(), map_location=self.cluster.device)
        self.model.load_state_dict(state["model"])
        self.history = state["history"]
        self.elapsed_before = state["elapsed"]
        if self.cluster.main:
            print(f"Resuming after epoch {len(self.history)}.", flush=True)
        return state

    def run(self):
        resumed = self.load_checkpoint()
        start = resumed["position"] if resumed else {"phase": 0, "epochs_done": 0, "stopped": False}
        for index, (phase, epochs, rate) in enumerate(self.phases):
            # A phase that stopped early stays stopped; one that ran out of epochs goes on if --epochs grew.
            finished = start.get("stopped", False) or start["epochs_done"] >= epochs
            if index < start["phase"] or epochs == 0 or (index == start["phase"] and finished):
                continue
            same = resumed is not None and index == start["phase"]
            self.run_phase(index, phase, epochs, rate, resumed if same else None)

    def make_optimizer(self, parameters, rate):
        t = self.training
        if t["optimizer"] == "adam":
            # tfjs's Adam: beta 0.9 / 0.999, epsilon 1e-7.
            return torch.optim.Adam(parameters, lr=rate, eps=1e-7)
        return torch.optim.SGD(parameters, lr=rate, momentum=t["momentum"], nesterov=t["nesterov"])

    def run_phase(self, index, phase, epochs, rate, resumed):
        frozen = phase == "head"
        set_trainable(self.model, None if frozen else self.config["model"]["unfreezeFromBlock"])
        parameters = [p for p in self.model.parameters() if p.requires_grad]
        model = self.model
        if self.cluster.distributed:
            ids = [self.cluster.local_rank] if self.cluster.device.type == "cuda" else None
            model = DistributedDataParallel(self.model, device_ids=ids)
        optimizer = self.make_optimizer(parameters, rate)
        scaler = grad_scaler(self.amp)
        early = {"best_loss": math.inf, "best_epoch": 0, "wait": 0, "best": None}
        first = 0
        if resumed is not None:
            optimizer.load_state_dict(resumed["optimizer"])
            early, first = resumed["early"], resumed["position"]["epochs_done"]
        offset = sum(1 for h in self.history if h["phase"] != phase)
        dataset = self.sets["train"]
        sampler = DistributedSampler(dataset, num_replicas=self.cluster.world, rank=self.cluster.rank,
                                     shuffle=True, seed=self.training["seed"] + 1000 * index)
        patience = self.training["earlyStoppingPatience"]
        total_epochs = sum(e for _, e, _ in self.phases)
        for epoch in range(first, epochs):
            sampler.set_epoch(epoch)
            dataset.phase, dataset.epoch = index, epoch
            self.shards.append({"phase": phase, "epoch": offset + epoch + 1, "indices": list(iter(sampler))})
            number = offset + epoch + 1
            if self.cluster.main:
                print(f"Epoch {number}/{total_epochs} ({phase})", flush=True)
            self.model.train()
            if frozen:
                self.model.base.eval()
            began = time.time()
            sums = [0.0, 0.0, 0.0, 0.0]  # loss, correct, count, skipped
            batches = self.loader(dataset, sampler, self.per_rank)
            for x, y, _, ok in batches:
                x, y, ok = (t.to(self.cluster.device, non_blocking=True) for t in (x, y.float(), ok.float()))
                with self.precision():
                    p = model(x, frozen_base=frozen)
                p = p.float()
                losses = bce(p, y) * ok
                loss = losses.sum() / ok.sum().clamp(min=1)
                optimizer.zero_grad(set_to_none=True)
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
                sums[0] += float(losses.detach().sum())
                sums[1] += float((((p.detach() > 0.5).float() == y).float() * ok).sum())
                sums[2] += float(ok.sum())
                sums[3] += float((1 - ok).sum())
            total = self.cluster.sum(sums)
            val = self.evaluate("validation")
            seconds = time.time() - began
            log = {"epoch": number, "phase": phase, "loss": total[0] / max(total[2], 1),
                   "accuracy": total[1] / max(total[2], 1), "valLoss": val["loss"] if val else None,
                   "valAccuracy": val["accuracy"] if val else None, "seconds": seconds}
            self.history.append(log)
            if self.cluster.main:
                self.print_epoch(log, len(batches), seconds, int(total[3]))
            stop = False
            if patience > 0 and log["valLoss"] is not None:
                if log["valLoss"] < early["best_loss"]:
                    early = {"best_loss": log["valLoss"], "best_epoch": number, "wait": 0,
                             "best": {k: v.detach().cpu().clone() for k, v in self.model.state_dict().items()}
                             if self.training["restoreBestWeights"] else None}
                else:
                    early["wait"] += 1
                    stop = early["wait"] >= patience
            self.save_checkpoint({"phase": index, "epochs_done": epoch + 1, "stopped": stop}, optimizer, early)
            if stop:
                if self.cluster.main:
                    print(f"Early stopping: val_loss did not improve for {patience} epochs "
                          f"(best {early['best_loss']:.4f} at epoch {early['best_epoch']}).", flush=True)
                break
        best = early.get("best")
        if best is not None and self.history and self.history[-1]["epoch"] != early["best_epoch"]:
            self.model.load_state_dict(best)
            if self.cluster.main:
                print(f"Restored the weights of epoch {early['best_epoch']}, the best val_loss.", flush=True)

    def print_epoch(self, log, steps, seconds, skipped):
        bar = "=" * 30
        line = (f"{steps}/{steps} [{bar}] - {seconds:.0f}s {1000 * seconds / max(steps, 1):.0f}ms/step"
                f" - loss: {log['loss']:.4f} - accuracy: {log['accuracy']:.4f}")
        if log["valLoss"] is not None:
            line += f" - val_loss: {log['valLoss']:.4f} - val_accuracy: {log['valAccuracy']:.4f}"
        print(line, flush=True)
        if skipped:
            print(f"Skipped {skipped} images that could not be decoded.", flush=True)

    def finish(self):
        test = self.evaluate("test", confusion=True)
        if self.cluster.main:
            self.write_results(test)
        with open(os.path.join(self.out, f"shards-rank{self.cluster.rank}.json"), "w", encoding="utf-8") as f:
            json.dump({"rank": self.cluster.rank, "world": self.cluster.world, "epochs": self.shards}, f)
        if self.args.dump_inputs > 0 and self.cluster.main:
            self.dump_inputs(self.args.dump_inputs)

    def write_results(self, test):
        job = self.config.get("job", {})
        class_names = job.get("classNames", ["class 0", "class 1"])
        metrics = None
        if test is not None:
            metrics = {"split": "test", "count": test["count"], "loss": test["loss"],
                       "accuracy": test["accuracy"], "threshold": 0.5, "confusion": test["confusion"],
                       "classNames": class_names}
            print(f"Test: loss {test['loss']:.4f} - accuracy {test['accuracy']:.4f} on {test['count']} images",
                  flush=True)
        run = {"format": "celeba-studio-cluster-run", "formatVersion": 1, "name": job.get("name", "cluster run"),
               "config": {k: self.config[k] for k in ("model", "augment", "training")},
               "classNames": class_names, "history": self.history, "test": metrics,
               "baseWeights": self.base_weights,
               "trainedWith": {"engine": "pytorch", "torch": torch.__version__, "processes": self.cluster.world,
                               "device": self.cluster.device.type, "amp": self.amp,
                               "seconds": self.elapsed_before + time.time() - self.started}}
        write_keras_h5(os.path.join(self.out, "model.h5"), self.model, run)
        with open(os.path.join(self.out, "history.csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["epoch", "phase", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"])
            for h in self.history:
                writer.writerow([h["epoch"], h["phase"], h["loss"], h["accuracy"], h["valLoss"],
                                 h["valAccuracy"], round(h["seconds"], 3)])
        with open(os.path.join(self.out, "metrics.json"), "w", encoding="utf-8") as f:
            json.dump(metrics, f, indent=2)
        with open(os.path.join(self.out, "config.json"), "w", encoding="utf-8") as f:
            json.dump(self.config, f, indent=2)
        print(f"Wrote {self.out}/model.h5, history.csv, metrics.json, config.json", flush=True)

    def dump_inputs(self, count):
        dataset = self.sets["test"]
        items = [dataset[i] for i in range(min(count, len(dataset)))]
        x = torch.stack([item[0] for item in items])
        self.model.eval()
        with torch.no_grad():
            p = self.model(x.to(self.cluster.device)).float().cpu()
        with open(os.path.join(self.out, "inputs.json"), "w", encoding="utf-8") as f:
            json.dump({"shape": list(x.shape), "names": [dataset.rows[i][0] for i in range(len(items))],
                       "inputs": x.flatten().tolist(), "probabilities": p.tolist()}, f)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    config = effective_config(args)
    cluster = Cluster()
    if cluster.device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = args.tf32
        torch.backends.cudnn.allow_tf32 = args.tf32
    os.makedirs(args.out, exist_ok=True)
    if cluster.main:
        print(f"{cluster.world} process(es) on {cluster.device.type}; global batch {args.batch_size}, "
              f"{args.batch_size // cluster.world} per process.", flush=True)
    run = Run(args, config, cluster)
    if cluster.main:
        for split in SPLITS:
            print(f"Found {len(run.sets[split])} validated image filenames belonging to 2 classes. ({split})",
                  flush=True)
    run.run()
    run.finish()
    cluster.barrier()
    cluster.close()


if __name__ == "__main__":
    main()
