import { OFFICIAL_WEIGHTS_FILE } from '../../domain/model.ts';
import type { ClusterJobInput } from './job.ts';

/** The job's README.md: what is in the zip and the commands to run it, ready to paste. */
export function jobReadme(input: ClusterJobInput): string {
  const { images, labels } = input.dataset;
  const t = input.config.training;
  const data = `--data /path/to/${images} --labels /path/to/${labels}`;
  const count = (split: 'train' | 'validation' | 'test') => input.splits[split].length;
  return `# ${input.name}: the studio's run on PyTorch

This job trains the same model as the studio's run: VGG16 (Keras layer
names) and the head ${JSON.stringify(input.config.model.head)}, at
${input.config.model.inputSize} px, ${t.epochs} head epochs then ${t.fineTuneEpochs} fine-tuning
epochs (${t.optimizer}, global batch ${t.batchSize}), on the studio's split:
${count('train')} training, ${count('validation')} validation and ${count('test')} test images
(\`train.csv\`, \`validation.csv\`, \`test.csv\`).

It needs Python 3 with PyTorch, torchvision, h5py, NumPy and Pillow
(\`pip install torch torchvision h5py pillow\`). It reads the images
straight from the files dropped in the studio, \`${images}\` (a zip is never
unpacked; an unzipped folder works too) and \`${labels}\`.
${
  input.baseWeights === 'imagenet'
    ? `The VGG16 base starts from ImageNet: put \`${OFFICIAL_WEIGHTS_FILE}\` next to
\`train.py\` (the studio's copy, or Keras's \`~/.keras/models/\`), or let the first
run download it.`
    : 'The studio run used a random VGG16 base, so this one does too (`--weights` picks a file).'
}

## Run it

Unzip the job and go into its folder, then:

One GPU (or the CPU when there is no GPU):

\`\`\`sh
torchrun --standalone --nproc_per_node=1 train.py ${data}
\`\`\`

All 8 GPUs of one machine. \`--batch-size\` is the global batch, split evenly over
the processes, so raise it with the GPU count (and the learning rate in
\`config.json\` with it):

\`\`\`sh
torchrun --standalone --nproc_per_node=8 train.py ${data} --batch-size 64
\`\`\`

Several nodes: run the same command on every node, with the first node's address:

\`\`\`sh
torchrun --nnodes=2 --nproc_per_node=8 --rdzv_id=celeba --rdzv_backend=c10d \\
  --rdzv_endpoint=node0.example.org:29500 train.py ${data} --batch-size 128
\`\`\`

SLURM (\`sbatch job.sh\`), one torchrun per node:

\`\`\`sh
#!/bin/bash
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --cpus-per-task=32
head=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)
srun torchrun --nnodes="$SLURM_NNODES" --nproc_per_node=8 --rdzv_id="$SLURM_JOB_ID" \\
  --rdzv_backend=c10d --rdzv_endpoint="$head:29500" train.py ${data} --batch-size 128
\`\`\`

Newer PyTorch also accepts the dashed spellings (\`--rdzv-endpoint\`).

## Options

\`python3 train.py --help\` lists them; each default comes from \`config.json\`:
\`--out results\`, \`--image-size\`, \`--epochs\`, \`--fine-tune-epochs\`, \`--batch-size\`,
\`--resume\` (continue from \`results/checkpoint.pt\`, written every epoch),
\`--amp\` (mixed precision on CUDA; off by default so results match the studio's fp32),
\`--tf32\`, \`--workers\`, \`--weights\`.

## Results

\`results/model.h5\` is the whole model in Keras's HDF5 layout with the studio's
layer names: in the studio, Export → "Load model" takes it (or the results
folder zipped), shows the run in Runs, evaluates it on the test split and
exports it like any other run. Beside it: \`history.csv\`, \`metrics.json\`
(test loss, accuracy, confusion matrix) and \`config.json\`.
`;
}
