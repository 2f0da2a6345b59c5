"""The studio's VGG16 steps in PyTorch, for comparison with tfjs in the same bench run.

Same model as the studio's default: VGG16 without its top (13 convolutions,
5 max-pools, ReLU) and the head Flatten -> Dense(256, ReLU) -> Dropout(0.5)
-> Dense(1, sigmoid). Same steps: forward; train (the frozen base without
gradients, one SGD step on the head, as phase 1); fine-tune (gradients from
block 5 on); fine-tune of the whole base. On a GPU every config runs twice:
strict fp32 (TF32 off: the arithmetic tfjs does) and PyTorch's default with
TF32 on. Prints progress and writes rows shaped like bench/lib/results.ts.

    python3 bench/torch_vgg16.py --out rows.json [--budget 180]
"""

import argparse
import json
import time

import torch
from torch import nn

CONFIGS = [(64, 8), (64, 32), (224, 8), (224, 32)]
BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]
MIN_SECONDS = 2.0
MAX_STEPS = 10


def vgg16_blocks():
    blocks, channels = [], 3
    for filters in BLOCKS:
        layers = []
        for f in filters:
            layers += [nn.Conv2d(channels, f, 3, padding=1), nn.ReLU(inplace=True)]
            channels = f
        layers.append(nn.MaxPool2d(2, 2))
        blocks.append(nn.Sequential(*layers))
    return nn.ModuleList(blocks)


class Classifier(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.blocks = vgg16_blocks()
        side = size // 32
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(512 * side * side, 256),
            nn.ReLU(inplace=True),
            nn.Dropout(0.5),
            nn.Linear(256, 1),
            nn.Sigmoid(),
        )

    def base(self, x):
        for block in self.blocks:
            x = block(x)
        return x

    def forward(self, x):
        return self.head(self.base(x))


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def timed(step, batch, device, left):
    """One warm-up step, then steps until MIN_SECONDS (at least one, at most MAX_STEPS).
    When the budget has no room for a timed step, the warm-up step is the measurement."""
    start = time.perf_counter()
    step()
    sync(device)
    warm = time.perf_counter() - start
    if left() < warm:
        return {"imagesPerSecond": batch / warm, "steps": 1, "seconds": warm}
    steps, start = 0, time.perf_counter()
    while True:
        step()
        sync(device)
        steps += 1
        seconds = time.perf_counter() - start
        if seconds >= MIN_SECONDS or steps >= MAX_STEPS or left() < 2 * seconds / steps:
            return {"imagesPerSecond": batch * steps / seconds, "steps": steps, "seconds": seconds}


def precisions(device):
    """(label, allow_tf32) pairs: TF32 only exists on CUDA."""
    if device.type != "cuda":
        return [("fp32", False)]
    return [("fp32, TF32 off", False), ("TF32 on", True)]


def set_tf32(allow):
    torch.backends.cuda.matmul.allow_tf32 = allow
    torch.backends.cudnn.allow_tf32 = allow


def measure_config(size, batch, device, left, backend):
    row = {"runtime": "pytorch", "backend": backend, "size": size, "batch": batch}
    model = Classifier(size).to(device).to(memory_format=torch.channels_last)
    x = (torch.rand(batch, 3, size, size, device=device) * 255).to(memory_format=torch.channels_last)
    y = (torch.arange(batch, device=device) % 2).float().reshape(batch, 1)
    loss_fn = nn.BCELoss()
    head_opt = torch.optim.SGD(model.head.parameters(), lr=1e-4, momentum=0.9)
    tune_params = list(model.blocks[4].parameters()) + list(model.head.parameters())
    tune_opt = torch.optim.SGD(tune_params, lr=1e-4, momentum=0.9)
    all_opt = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)

    def forward():
        model.eval()
        with torch.no_grad():
            model(x)

    def train():
        model.train()
        with torch.no_grad():
            features = model.base(x)
        head_opt.zero_grad()
        loss_fn(model.head(features), y).backward()
        head_opt.step()

    def fine_tune():
        model.train()
        with torch.no_grad():
            early = x
            for block in model.blocks[:4]:
                early = block(early)
        tune_opt.zero_grad()
        loss_fn(model.head(model.blocks[4](early)), y).backward()
        tune_opt.step()

    def fine_tune_all():
        model.train()
        all_opt.zero_grad()
        loss_fn(model(x), y).backward()
        all_opt.step()

    steps = (("forward", forward), ("train", train), ("fineTune", fine_tune), ("fineTuneAll", fine_tune_all))
    for key, step in steps:
        if left() <= 0:
            row[key] = {"skipped": "time budget used up"}
            continue
        try:
            row[key] = timed(step, batch, device, left)
        except RuntimeError as error:  # out of memory, on a small GPU
            row[key] = {"skipped": f"failed: {str(error).splitlines()[0]}"}
            continue
        print(f"  pytorch {backend} {size}px batch {batch} {key}: {row[key]['imagesPerSecond']:.2f} images/s", flush=True)
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--budget", type=float, default=180)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = torch.cuda.get_device_name(0) if device.type == "cuda" else f"cpu, {torch.get_num_threads()} threads"
    torch.backends.cudnn.benchmark = True
    started = time.perf_counter()
    left = lambda: args.budget - (time.perf_counter() - started)  # noqa: E731
    rows = []
    for label, tf32 in precisions(device):
        set_tf32(tf32)
        backend = f"torch {torch.__version__} {label} ({name})"
        for size, batch in CONFIGS:
            rows.append(measure_config(size, batch, device, left, backend))
            if device.type == "cuda":
                torch.cuda.empty_cache()
    with open(args.out, "w") as f:
        json.dump(rows, f)


if __name__ == "__main__":
    main()
