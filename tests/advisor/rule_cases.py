# ruff: noqa: E501  (fixture sources read best on one line each)
"""One positive and one negative tiny project per rule (several for the rules with many paths).

A positive project must produce the rule's finding (and, where given, a message containing
``expect``); a negative project is a near miss that must not.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleCase:
    code: str
    positive: dict[str, str]
    negative: dict[str, str]
    expect: str = ""
    name: str = ""
    extra_negatives: tuple[dict[str, str], ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}" if self.name else self.code


FLAX_TRAIN = """
import jax
import jax.numpy as jnp
import flax.linen as nn
import optax
from flax.training import train_state

class CNN(nn.Module):
    dtype: jnp.dtype = jnp.bfloat16

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(32, (3, 3), dtype=self.dtype)(x)
        return nn.Dense(10)(x.reshape((x.shape[0], -1)))

@jax.jit
def train_step(state, batch):
    def loss_fn(params):
        logits = state.apply_fn({"params": params}, batch["image"])
        return optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"]).mean()
    grads = jax.grad(loss_fn)(state.params)
    return state.apply_gradients(grads=grads)

for epoch in range(100):
    for batch in batches:
        state = train_step(state, batch)
"""

OPTUNA_TORCH_STUDY = """
import optuna
import torch

def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(50):
        for x, y in loader:
            loss = crit(model(x), y)
            loss.backward()
            opt.step()
    return evaluate(model)

study = optuna.create_study(direction="maximize", pruner=optuna.pruners.MedianPruner())
study.optimize(objective, n_trials=100)
"""
OPTUNA_REPORTS = """        trial.report(evaluate(model), epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return evaluate(model)"""

NO_TRAINER_SCRIPT = """
import argparse
import torch
from accelerate import Accelerator

parser = argparse.ArgumentParser()
parser.add_argument("--num_train_epochs", type=int, default=100)
parser.add_argument("--checkpointing_steps", type=str, default=None)
args = parser.parse_args()
accelerator = Accelerator()
for epoch in range(args.num_train_epochs):
    for batch in loader:
        loss = model(**batch).loss
        accelerator.backward(loss)
        optimizer.step()
    if args.checkpointing_steps == "epoch":
        accelerator.save_state(f"out/epoch_{epoch}")
"""

AMP_BEHIND_IF = """
import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument("--amp", action="store_true")
args = parser.parse_args()
model = Net().cuda()
if args.amp:
    scaler = torch.cuda.amp.GradScaler()
for x, y in loader:
    if args.amp:
        with torch.autocast("cuda"):
            loss = model(x)
    else:
        loss = model(x)
    loss.backward()
"""

SAGEMAKER_LAUNCH = """
import sagemaker
from sagemaker.pytorch import PyTorch

estimator = PyTorch(
    entry_point="train.py",
    instance_type="ml.p3.8xlarge",
    instance_count=1,
    framework_version="2.1",
)
estimator.fit({"train": "s3://bucket/train"})
"""
SINGLE_GPU_TRAIN = """
import torch
model = Net().cuda()
for epoch in range(100):
    for x, y in loader:
        loss = model(x.cuda())
        loss.backward()
        opt.step()
"""
METAFLOW_FLOW = """
import torch
from metaflow import FlowSpec, step, resources

class TrainFlow(FlowSpec):
    @resources(gpu=4, memory=64000)
    @step
    def train(self):
        model = Net().cuda()
        for x, y in loader:
            loss = model(x)
            loss.backward()
        self.next(self.end)
"""

TORCHTUNE_RECIPE = """model:
  _component_: torchtune.models.llama3_2.lora_llama3_2_1b
  lora_rank: 64
optimizer:
  _component_: torch.optim.AdamW
  lr: 3e-4
epochs: 1
compile: False
device: cuda
dtype: bf16
"""

SPEECHBRAIN_TRAIN = """
import speechbrain as sb

class ASR(sb.Brain):
    def on_stage_end(self, stage, stage_loss, epoch):
        if stage == sb.Stage.VALID:
            self.checkpointer.save_and_keep_only(meta={"WER": stage_loss}, min_keys=["WER"])

asr_brain = ASR(modules=hparams["modules"], hparams=hparams, checkpointer=hparams["checkpointer"])
asr_brain.fit(hparams["epoch_counter"], train_data, valid_data)
"""

LIGHTNING_HYDRA = {
    "src/train.py": "import hydra\nimport lightning as L\n"
    "@hydra.main(config_path='../configs', config_name='train')\n"
    "def main(cfg):\n"
    "    datamodule = hydra.utils.instantiate(cfg.data)\n"
    "    model = hydra.utils.instantiate(cfg.model)\n"
    "    trainer = hydra.utils.instantiate(cfg.trainer)\n"
    "    trainer.fit(model=model, datamodule=datamodule)\n",
    "src/module.py": "import torch\nimport lightning as L\n"
    "class Module(L.LightningModule):\n"
    "    def setup(self, stage):\n"
    "        if self.hparams.compile and stage == 'fit':\n"
    "            self.net = torch.compile(self.net)\n",
    "src/datamodule.py": "import lightning as L\nfrom torch.utils.data import DataLoader\n"
    "class MNISTDataModule(L.LightningDataModule):\n"
    "    def train_dataloader(self):\n"
    "        return DataLoader(self.data_train, batch_size=64, num_workers=self.hparams.num_workers)\n"
    "    def val_dataloader(self):\n"
    "        return DataLoader(self.data_val, batch_size=64, num_workers=self.hparams.num_workers)\n",
    "configs/trainer/default.yaml": "_target_: lightning.pytorch.trainer.Trainer\naccelerator: gpu\nmax_epochs: 10\n",
    "configs/model/mnist.yaml": "_target_: src.module.Module\ncompile: false\n",
    "configs/data/mnist.yaml": "_target_: src.datamodule.MNISTDataModule\nnum_workers: 0\n",
}

DIFFUSERS_STYLE = """
import argparse
import torch
from accelerate import Accelerator
parser = argparse.ArgumentParser()
parser.add_argument("--dataloader_num_workers", type=int, default=0)
parser.add_argument("--max_train_samples", type=int, default=None)
args = parser.parse_args()
accelerator = Accelerator()
if args.max_train_samples is not None:
    dataset = dataset.shuffle(seed=0).select(range(args.max_train_samples))
loader = torch.utils.data.DataLoader(dataset, batch_size=8, num_workers=args.dataloader_num_workers)
for batch in loader:
    loss = unet(batch).loss
    accelerator.backward(loss)
"""

HYDRA_STOPPER = (
    "early_stopping:\n  _target_: lightning.pytorch.callbacks.EarlyStopping\n"
    "  monitor: val/loss\n  patience: 3\n"
)

SUBMITIT_LAUNCHER = """
import argparse
import submitit

parser = argparse.ArgumentParser()
parser.add_argument("--ngpus", default=8, type=int)
parser.add_argument("--nodes", default=1, type=int)
args = parser.parse_args()
executor = submitit.AutoExecutor(folder="jobs")
num_gpus_per_node = args.ngpus
executor.update_parameters(
    gpus_per_node=num_gpus_per_node,
    tasks_per_node=num_gpus_per_node,
    nodes=args.nodes,
    timeout_min=60 * 72,
)
"""

PYCARET_AUTOML = """
import pandas as pd
from pycaret.classification import *

train = pd.read_csv("train.csv")
s = setup(data=train, target="Exited", fold=5, session_id=42)
best = compare_models(n_select=1, sort="AUC")
tuned = tune_model(best, n_iter=50)
final = finalize_model(best)
"""

ONNX_BEHIND_OPTION = """
import argparse
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--save-onnx", action="store_true", default=False)
args = parser.parse_args()
model = build_model()
if args.save_onnx:
    torch.onnx.export(model, example, "model.onnx")
"""

ESPNET_STAGE = """#!/usr/bin/env bash
python=python3
${python} -m espnet2.bin.launch --ngpu 4 --num_nodes 1 --log exp/train.log -- \\
    ${python} -m espnet2.bin.asr_train --config conf/train_asr.yaml --output_dir exp/asr
"""

SPACY_CONFIG = """[training]
patience = 1600
max_steps = 20000
eval_frequency = 200
accumulate_gradient = 3

[components.transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "roberta-base"
"""
SPACY_PROJECT = """commands:
  - name: train
    script:
      - "python -m spacy train configs/config.cfg --output training/ --gpu-id 0"
"""

CLEANRL_PPO = """
from dataclasses import dataclass
import torch
import torch.optim as optim
import tyro


@dataclass
class Args:
    total_timesteps: int = 10000000
    num_envs: int = 8
    num_steps: int = 128
    save_model: bool = False


args = tyro.cli(Args)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
agent = Agent(envs).to(device)
optimizer = optim.Adam(agent.parameters(), lr=2.5e-4)
num_iterations = args.total_timesteps // (args.num_envs * args.num_steps)
for iteration in range(1, num_iterations + 1):
    loss = agent.loss(rollout(envs, agent))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
if args.save_model:
    torch.save(agent.state_dict(), "agent.pt")
"""

BERT_TF1_FLAGS = """
import tensorflow as tf

flags = tf.flags
FLAGS = flags.FLAGS
flags.DEFINE_string("init_checkpoint", None, "Initial checkpoint (usually from a pre-trained BERT).")
flags.DEFINE_integer("save_checkpoints_steps", 1000, "How often to save the model checkpoint.")

run_config = tf.contrib.tpu.RunConfig(
    model_dir=FLAGS.output_dir, save_checkpoints_steps=FLAGS.save_checkpoints_steps)
estimator = tf.contrib.tpu.TPUEstimator(model_fn=model_fn, config=run_config)
estimator.train(input_fn=train_input_fn, max_steps=num_train_steps)
"""

TIMM_COMPILE_OPTION = """
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--torchcompile", nargs="?", type=str, default=None, const="inductor")
args = parser.parse_args()
"""
GRAD_CHECKPOINTING_OPTION = """
import argparse
import timm
parser = argparse.ArgumentParser()
parser.add_argument("--grad-checkpointing", action="store_true", default=False)
args = parser.parse_args()
model = timm.create_model("vit_base_patch16_224")
if args.grad_checkpointing:
    model.set_grad_checkpointing(enable=True)
"""

DETR_SAVE = """
import argparse
import torch
import util.misc as utils

parser = argparse.ArgumentParser()
parser.add_argument("--output_dir", default="", help="path where to save, empty for no saving")
args = parser.parse_args()
for epoch in range(300):
    loss = model(samples).sum()
    loss.backward()
    optimizer.step()
    if args.output_dir:
        utils.save_on_master({"model": model.state_dict(), "epoch": epoch}, "checkpoint.pth")
"""

#: Time-Series-Library's scripts/long_term_forecast/ECL_script/SegRNN.sh: one run per horizon
SEGRNN_SH = """export CUDA_VISIBLE_DEVICES=0

model_name=SegRNN

seq_len=96
for pred_len in 96 192 336 720
do
python -u run.py \\
  --task_name long_term_forecast \\
  --is_training 1 \\
  --root_path ./dataset/electricity/ \\
  --data_path electricity.csv \\
  --model_id ECL_$seq_len'_'$pred_len \\
  --model $model_name \\
  --data custom \\
  --features M \\
  --seq_len $seq_len \\
  --pred_len $pred_len \\
  --seg_len 24 \\
  --enc_in 321 \\
  --d_model 512 \\
  --dropout 0 \\
  --learning_rate 0.001 \\
  --des 'Exp' \\
  --itr 1
done
"""
TORCH_BACKWARD = "import torch\nloss.backward()\n"
_SEGRNN_LR_SWEEP = SEGRNN_SH.replace(
    "pred_len in 96 192 336 720", "lr in 0.1 0.01 0.001 0.0001"
).replace("--learning_rate 0.001", "--learning_rate $lr")

TORCH_TRAIN_GPU = """
import torch
model = model.to("cuda")
for x, y in loader:
    loss = crit(model(x), y)
    loss.backward()
"""

REDUCE_MEM_USAGE = """
import numpy as np
import pandas as pd

def reduce_mem_usage(df):
    for col in df.columns:
        c_min, c_max = df[col].min(), df[col].max()
        if str(df[col].dtype).startswith("int"):
            if c_min > np.iinfo(np.int8).min and c_max < np.iinfo(np.int8).max:
                df[col] = df[col].astype(np.int8)
            elif c_min > np.iinfo(np.int16).min and c_max < np.iinfo(np.int16).max:
                df[col] = df[col].astype(np.int16)
        else:
            df[col] = df[col].astype(np.float32)
    return df

train = reduce_mem_usage(pd.read_csv("train.csv"))
"""


AMP_BEHIND_OPTION = """import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument("--amp", action="store_true", help="mixed precision")
args = parser.parse_args()
model = model.to("cuda")
scaler = torch.cuda.amp.GradScaler(enabled=args.amp)
for x, y in loader:
    with torch.autocast("cuda", enabled=args.amp):
        loss = crit(model(x), y)
    scaler.scale(loss).backward()
"""

CASES: list[RuleCase] = [
    # --- data-centric -------------------------------------------------------------------------
    RuleCase(
        "GT101",
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\nsmall = df.sample(frac=0.2)\n"
        },
        {
            "prep.py": "import pandas as pd\nimport random\ndf = pd.read_csv('d.csv').sample(frac=1)\n"
            "items = random.sample(range(10), 3)\n"
        },
        expect="frac=0.2",
    ),
    RuleCase(
        "GT101",
        {"train.py": "from lightning import Trainer\nTrainer(limit_train_batches=0.25)\n"},
        {"train.py": "from lightning import Trainer\nTrainer(limit_train_batches=1.0)\n"},
        expect="limit_train_batches=0.25",
        name="lightning",
    ),
    RuleCase(
        "GT102",
        {
            "search.py": """
            import pandas as pd
            from sklearn.model_selection import GridSearchCV
            from sklearn.svm import SVC
            df = pd.read_csv('data.csv')
            grid = {'C': [0.1, 1, 10], 'gamma': [0.001, 0.01, 0.1, 1]}
            search = GridSearchCV(SVC(), grid, cv=5)
            search.fit(df[['a']], df['y'])
            """
        },
        {
            "search.py": """
            import pandas as pd
            from sklearn.model_selection import GridSearchCV
            from sklearn.svm import SVC
            df = pd.read_csv('data.csv').sample(frac=0.3)
            grid = {'C': [0.1, 1, 10], 'gamma': [0.001, 0.01, 0.1, 1]}
            search = GridSearchCV(SVC(), grid, cv=5)
            search.fit(df[['a']], df['y'])
            """
        },
        expect="60 fits",
    ),
    RuleCase(
        "GT102",
        {
            "tune.py": "import optuna\nstudy = optuna.create_study(direction='maximize')\n"
            "study.optimize(objective, n_trials=100)\n"
        },
        {
            "tune.py": "import optuna\n"
            "study = optuna.create_study(pruner=optuna.pruners.HyperbandPruner())\n"
            "study.optimize(objective, n_trials=100)\n"
        },
        expect="Optuna study runs 100 trials",
        name="optuna",
    ),
    RuleCase(
        "GT103",
        {"prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv').drop_duplicates()\n"},
        {"prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv').dropna()\n"},
        expect="drop_duplicates",
    ),
    RuleCase(
        "GT104",
        {
            "train.py": "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            "df = pd.read_csv('data.csv')\nLogisticRegression().fit(df[['a']], df['y'])\n"
        },
        {
            "train.py": "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            "df = pd.read_csv('data.csv').drop_duplicates()\n"
            "LogisticRegression().fit(df[['a']], df['y'])\n"
        },
        expect="pd.read_csv",
    ),
    RuleCase(
        "GT104",
        {
            "a_prep.py": "import pandas as pd\ndf = pd.read_parquet('data.parquet')\n",
            "b_train.py": "import pandas as pd\nfrom sklearn.svm import SVC\n"
            "model = SVC()\nmodel.fit(X, y)\n",
        },
        {
            "a_prep.py": "import pandas as pd\ndf = pd.read_parquet('data.parquet')\n"
            "df = df.drop_duplicates()\n",
            "b_train.py": "import pandas as pd\nfrom sklearn.svm import SVC\n"
            "model = SVC()\nmodel.fit(X, y)\n",
        },
        expect="is trained on (model.fit in b_train.py)",
        name="other-file",
    ),
    RuleCase(
        "GT105",
        {
            "f.py": "from sklearn.feature_selection import SelectKBest, chi2\nSelectKBest(chi2, k=10)\n"
        },
        {
            "f.py": "from sklearn.ensemble import RandomForestClassifier\n"
            "RandomForestClassifier(max_features='sqrt')\n"
        },
        expect="SelectKBest",
    ),
    RuleCase(
        "GT106",
        {
            "text.py": "from sklearn.feature_extraction.text import TfidfVectorizer\n"
            "vec = TfidfVectorizer(ngram_range=(1, 2))\n"
        },
        {
            "text.py": "from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer\n"
            "vec = TfidfVectorizer(ngram_range=(1, 2), max_features=20000)\n"
            "CountVectorizer(min_df=2)\n"
        },
        expect="TfidfVectorizer",
    ),
    RuleCase(
        "GT107",
        {
            "f.py": "from sklearn.preprocessing import KBinsDiscretizer\nKBinsDiscretizer(n_bins=16)\n"
        },
        {"f.py": "import numpy as np\nX = np.zeros(3).astype(np.float32)\n"},
        expect="KBinsDiscretizer",
    ),
    RuleCase(
        "GT107",
        {"f.py": "import numpy as np\nX = np.zeros(3).astype(np.float16)\n"},
        {"f.py": "import numpy as np\nX = np.zeros(3).astype(np.uint16)\n"},
        expect="float16",
        name="astype",
    ),
    RuleCase(
        "GT107",
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf[int_cols] = df[int_cols].apply(pd.to_numeric, downcast='integer')\n"
        },
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf[int_cols] = df[int_cols].apply(pd.to_numeric, errors='coerce')\n"
        },
        expect="downcast='integer'",
        name="apply-to-numeric",
    ),
    RuleCase(
        "GT107",
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf['flag'] = df['flag'].astype('int8')\n"
        },
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf['n'] = df['n'].astype(int)\ndf['s'] = df['s'].astype(str)\n"
            "df['id'] = df['id'].astype('int64')\ndf['city'] = df['city'].astype('category')\n"
        },
        expect="astype(int8)",
        name="astype-int8",
        extra_negatives=(
            # no pandas or numpy import: not known to be a dataframe or an array
            {"f.py": "flags = table.astype('int8')\n"},
            # float32 is the ordinary dtype of deep-learning inputs, not a downcast worth reporting
            {
                "train.py": "import pandas as pd\nimport torch\nX = pd.read_csv('d.csv').values.astype('float32')\nx = torch.from_numpy(X)\n"
            },
        ),
    ),
    RuleCase(
        "GT107",
        {"prep.py": REDUCE_MEM_USAGE},
        {
            "prep.py": "import numpy as np\nimport pandas as pd\nlabels = pd.read_csv('d.csv')['y'].to_numpy()\nimg = (img * 255).astype(np.uint8)\n"
        },
        expect="astype(int8)",
        name="reduce-mem-usage",
        extra_negatives=(
            # 16-bit PCM audio in numpy-only code is an output format, not downcast input data
            {"audio.py": "import numpy as np\npcm = (wav * 32767).astype(np.int16)\n"},
        ),
    ),
    RuleCase(
        "GT107",
        {
            "load.py": "import pandas as pd\ndf = pd.read_csv('train.csv', dtype={'age': 'int8', 'city': 'category'})\n"
        },
        {
            "load.py": "import pandas as pd\ndf = pd.read_csv('train.csv', dtype={'id': 'int64', 'city': 'category'})\n"
        },
        expect="read_csv(dtype=int8)",
        name="read-csv-dtype",
    ),
    RuleCase(
        "GT107",
        {
            "load.py": "import numpy as np\nimport pandas as pd\ndf = pd.read_csv('t.csv')\ndf = df.astype({'age': np.int16, 'score': 'float32'})\n"
        },
        {
            "load.py": "import numpy as np\nimport pandas as pd\ndf = pd.read_csv('t.csv')\ndf = df.astype({'age': np.int64, 'score': 'float32'})\n"
        },
        expect="astype(int16)",
        name="astype-mapping",
    ),
    RuleCase(
        "GT108",
        {"train.py": "import torch\nx = torch.tensor(data).double()\nloss.backward()\n"},
        {
            "train.py": "import torch\nx = torch.tensor(data, dtype=torch.float32)\nloss.backward()\n",
            "stats.py": "import numpy as np\nm = np.zeros(3, dtype=np.float64)\n",
        },
        expect=".double()",
        extra_negatives=(
            # the PyTorch transfer-learning tutorial's accuracy: one number, not the model
            {
                "train.py": "import torch\nloss.backward()\n"
                "epoch_acc = running_corrects.double() / len(datasets[phase])\n"
            },
        ),
    ),
    RuleCase(
        "GT109",
        {"f.py": "from sklearn.decomposition import PCA\nPCA(n_components=50)\n"},
        {"f.py": "from sklearn.manifold import TSNE\nTSNE(n_components=2)\n"},
        expect="PCA(n_components=50)",
    ),
    # --- algorithm design ---------------------------------------------------------------------
    RuleCase(
        "GT201",
        {
            "m.py": "from sklearn.datasets import load_iris\n"
            "from sklearn.ensemble import RandomForestClassifier\n"
            "X, y = load_iris(return_X_y=True)\n"
            "RandomForestClassifier(n_estimators=1000).fit(X, y)\n"
        },
        {
            "m.py": "from sklearn.datasets import load_iris\n"
            "from sklearn.ensemble import RandomForestClassifier\n"
            "X, y = load_iris(return_X_y=True)\n"
            "RandomForestClassifier(n_estimators=100).fit(X, y)\n"
        },
        expect="1000 estimators",
        extra_negatives=(
            {
                "m.py": "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n"
                "df = pd.read_csv('big.csv')\n"
                "RandomForestClassifier(n_estimators=1000).fit(df, df.y)\n"
            },
        ),
    ),
    RuleCase(
        "GT202",
        {
            "m.py": "from sklearn.ensemble import HistGradientBoostingClassifier\n"
            "HistGradientBoostingClassifier()\n"
        },
        {
            "m.py": "from sklearn.ensemble import GradientBoostingClassifier\n"
            "GradientBoostingClassifier()\n"
        },
        expect="HistGradientBoostingClassifier",
    ),
    RuleCase(
        "GT202",
        {"detect.py": "from ultralytics import YOLO\nmodel = YOLO('yolov8n.pt')\n"},
        {"detect.py": "from ultralytics import YOLO\nmodel = YOLO('yolov8x.pt')\n"},
        expect="yolov8n.pt",
        name="yolo",
    ),
    RuleCase(
        "GT203",
        {
            "train.py": "from transformers import AutoModelForSequenceClassification, Trainer\n"
            "model = AutoModelForSequenceClassification.from_pretrained('roberta-large')\n"
            "trainer = Trainer(model=model)\ntrainer.train()\n"
        },
        {
            "train.py": "from transformers import AutoModelForSequenceClassification, Trainer\n"
            "model = AutoModelForSequenceClassification.from_pretrained('roberta-base')\n"
            "trainer = Trainer(model=model)\ntrainer.train()\n"
        },
        expect="roberta-large",
        extra_negatives=(
            {
                "predict.py": "from transformers import AutoModel\n"
                "model = AutoModel.from_pretrained('roberta-large')\n"
            },
            # the large model is the frozen teacher a small student learns from
            {
                "distill.py": "from transformers import AutoModelForSequenceClassification, Trainer\n"
                "teacher = AutoModelForSequenceClassification.from_pretrained('roberta-large')\n"
                "student = AutoModelForSequenceClassification.from_pretrained('distilroberta-base')\n"
                "trainer = Trainer(model=student)\ntrainer.train()\n"
            },
        ),
    ),
    RuleCase(
        "GT204",
        {
            "m.py": "from sklearn.datasets import load_digits\n"
            "from sklearn.neural_network import MLPClassifier\n"
            "X, y = load_digits(return_X_y=True)\n"
            "MLPClassifier(hidden_layer_sizes=(1024, 1024, 512)).fit(X, y)\n"
        },
        {
            "m.py": "from sklearn.datasets import load_digits\n"
            "from sklearn.neural_network import MLPClassifier\n"
            "X, y = load_digits(return_X_y=True)\n"
            "MLPClassifier(hidden_layer_sizes=(64,)).fit(X, y)\n"
        },
        expect="(1024, 1024, 512)",
    ),
    RuleCase(
        "GT205",
        {
            "s.py": "from river import tree\nm = tree.HoeffdingAdaptiveTreeClassifier(grace_period=100)\n"
        },
        {
            "s.py": "from river import tree\nimport cv2\nm = tree.HoeffdingTreeClassifier()\n"
            "faces = cv2.CascadeClassifier('face.xml')\n"
        },
        expect="HoeffdingAdaptiveTreeClassifier",
    ),
    RuleCase(
        "GT206",
        {
            "a.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\nfor i, row in df.iterrows():\n"
            "    print(row)\n"
        },
        {
            "a.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf['t'] = df['a'] * df['b']\n"
            "df.apply(sum)\n"
        },
        expect="iterrows",
        extra_negatives=(
            # a look at the first rows while exploring
            {
                "eda.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\n"
                "for _, row in df.head(3).iterrows():\n    print(row)\n"
            },
        ),
    ),
    RuleCase(
        "GT207",
        {
            "m.py": "from transformers import AutoModel\n"
            "m = AutoModel.from_pretrained('x', attn_implementation='flash_attention_2')\n"
        },
        {
            "m.py": "from transformers import AutoModel\n"
            "m = AutoModel.from_pretrained('x', attn_implementation='eager')\n"
        },
        expect="flash_attention_2",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', optim='adamw_torch_fused')\n"
        },
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', optim='adamw_torch')\n"
        },
        expect="optim='adamw_torch_fused'",
        name="hugging-face-optimizer",
    ),
    RuleCase(
        "GT208",
        {
            "p.py": "import numpy as np\npreds = np.array([])\nfor b in batches:\n"
            "    preds = np.append(preds, model.predict(b))\n"
        },
        {
            "p.py": "import numpy as np\nparts = []\nfor b in batches:\n"
            "    parts.append(model.predict(b))\npreds = np.concatenate(parts)\n"
        },
        expect="'preds'",
        extra_negatives=(
            # autoregressive decoding grows the sequence on purpose
            {
                "gen.py": "import torch\nfor _ in range(100):\n"
                "    idx = torch.cat((idx, model(idx).argmax(-1, keepdim=True)), dim=1)\n"
            },
        ),
    ),
    # --- model optimization -------------------------------------------------------------------
    RuleCase(
        "GT301",
        {
            "s.py": "from sklearn.model_selection import RandomizedSearchCV\n"
            "RandomizedSearchCV(est, dist, n_iter=20)\n"
        },
        {
            "s.py": "from sklearn.model_selection import GridSearchCV\nGridSearchCV(est, {'a': [1, 2]})\n"
        },
        expect="n_iter=20",
    ),
    RuleCase(
        "GT301",
        {"sweep.py": "import wandb\nwandb.agent(sweep_id, function=train, count=25)\n"},
        {"sweep.py": "import wandb\nwandb.agent(sweep_id, function=train)\n"},
        expect="wandb.agent(count=25)",
        name="wandb-agent",
    ),
    RuleCase(
        "GT301",
        {"sweep.sh": "wandb agent --count 5 team/proj/abc123\n"},
        {"sweep.sh": "wandb agent team/proj/abc123\n"},
        expect="wandb agent --count 5",
        name="wandb-cli",
    ),
    RuleCase(
        "GT301",
        {
            "configs/hparams_search/optuna.yaml": "defaults:\n  - override /hydra/sweeper: optuna\n"
            "hydra:\n  sweeper:\n    n_trials: 20\n"
        },
        {
            "configs/hparams_search/grid.yaml": "hydra:\n  sweeper:\n"
            "    params:\n      model.lr: 0.1,0.01\n"
        },
        expect="hydra.sweeper.n_trials: 20",
        name="hydra-optuna-sweeper",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "from lightning.pytorch.callbacks import EarlyStopping\n"
            "from lightning.pytorch import Trainer\n"
            "es = EarlyStopping(monitor='val_loss', patience=5)\n"
            "trainer = Trainer(max_epochs=100, callbacks=[es])\n"
        },
        {
            "train.py": "from lightning.pytorch.callbacks import EarlyStopping\n"
            "from lightning.pytorch import Trainer\n"
            "es = EarlyStopping(monitor='val_loss', patience=200)\n"
            "trainer = Trainer(max_epochs=100, callbacks=[es])\n"
        },
        expect="EarlyStopping",
    ),
    RuleCase(
        "GT302",
        {
            "m.py": "from catboost import CatBoostClassifier\n"
            "CatBoostClassifier(iterations=5000, od_type='Iter', od_wait=100)\n"
        },
        {"m.py": "from catboost import CatBoostClassifier\nCatBoostClassifier(iterations=5000)\n"},
        expect="od_wait=100",
        name="catboost",
    ),
    RuleCase(
        "GT303",
        {"configs/train.yaml": "epochs: 30\nearly_stopping:\n  patience: 50\n"},
        {"configs/train.yaml": "epochs: 30\nearly_stopping:\n  patience: 5\n"},
        expect="patience 50 >= max epochs 30",
        extra_negatives=({"configs/train.yaml": "epochs: 30\nscheduler:\n  patience: 50\n"},),
    ),
    RuleCase(
        "GT303",
        {
            "configs/callbacks/default.yaml": "early_stopping:\n  monitor: val/acc\n  patience: 100\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 10\n",
        },
        {
            "configs/callbacks/default.yaml": "early_stopping:\n  monitor: val/acc\n  patience: 100\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 10\n",
            "configs/experiment/long.yaml": "trainer:\n  max_epochs: 1000\n",
        },
        expect="patience 100 >= max epochs 10",
        name="hydra-groups",
        extra_negatives=(
            {
                "configs/callbacks/default.yaml": "early_stopping:\n  patience: 100\n",
                "configs/trainer/default.yaml": "max_epochs: 10\n",
                "train.py": "import lightning as L\ntrainer = L.Trainer(max_epochs=args.epochs)\n",
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "train.py": "from tensorflow import keras\n"
            "stop = keras.callbacks.EarlyStopping(monitor='val_loss', patience=10)\n"
            "model.fit(x, y, epochs=10, callbacks=[stop])\n"
        },
        {
            "train.py": "from tensorflow import keras\n"
            "stop = keras.callbacks.EarlyStopping(monitor='val_loss', patience=3)\n"
            "model.fit(x, y, epochs=10, callbacks=[stop])\n"
        },
        expect="patience 10 >= max epochs 10",
        name="keras",
        extra_negatives=(
            # a short warm-up fit next to a main fit whose epochs are not a literal
            {
                "train.py": "from tensorflow import keras\n"
                "stop = keras.callbacks.EarlyStopping(monitor='val_loss', patience=10)\n"
                "model.fit(x, y, epochs=5)\nmodel.fit(x, y, epochs=EPOCHS, callbacks=[stop])\n"
            },
            # the launch script trains longer than the default
            {
                "train.py": "import argparse\np = argparse.ArgumentParser()\n"
                "p.add_argument('--epochs', type=int, default=10)\n"
                "p.add_argument('--patience', type=int, default=10)\n",
                "run.sh": "python train.py --epochs 200\n",
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "m.py": "from sklearn.neural_network import MLPClassifier\n"
            "MLPClassifier(max_iter=50, n_iter_no_change=60)\n"
        },
        {
            "m.py": "from sklearn.neural_network import MLPClassifier\n"
            "MLPClassifier(max_iter=500, n_iter_no_change=10)\n"
        },
        expect="n_iter_no_change=60 >= max_iter=50",
        name="sklearn",
    ),
    RuleCase(
        "GT303",
        {
            "train.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            stop = EarlyStopping(monitor="val_loss", patience=10)
            trainer = L.Trainer(max_epochs=100, check_val_every_n_epoch=10, callbacks=[stop])
            """
        },
        {
            "train.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            stop = EarlyStopping(monitor="val_loss", patience=10)
            trainer = L.Trainer(max_epochs=100, callbacks=[stop])
            """
        },
        expect="EarlyStopping(patience=10) × check_val_every_n_epoch=10",
        name="lightning",
        extra_negatives=(
            # a debugging trainer next to the real one, which has no epoch limit
            {
                "train.py": """
                import lightning as L
                from lightning.pytorch.callbacks import EarlyStopping
                debug = L.Trainer(max_epochs=2, fast_dev_run=True)
                trainer = L.Trainer(max_epochs=-1, callbacks=[EarlyStopping("val_loss", patience=5)])
                """
            },
            {
                "train.py": """
                import lightning as L
                from lightning.pytorch.callbacks import EarlyStopping
                smoke = L.Trainer(max_epochs=3)
                trainer = L.Trainer(max_epochs=-1, callbacks=[EarlyStopping("val_loss", patience=5)])
                """
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "train.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            stop = EarlyStopping(monitor="val_loss", patience=5)
            trainer = L.Trainer(min_epochs=50, max_epochs=50, callbacks=[stop])
            """
        },
        {
            "train.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            stop = EarlyStopping(monitor="val_loss", patience=5)
            trainer = L.Trainer(min_epochs=10, max_epochs=50, callbacks=[stop])
            """
        },
        expect="min_epochs=50 >= max_epochs=50",
        name="lightning-min-epochs",
        extra_negatives=(
            # no early stop to block
            {
                "train.py": "import lightning as L\ntrainer = L.Trainer(min_epochs=50, max_epochs=50)\n"
            },
            # another trainer's minimum says nothing about this one's budget
            {
                "train.py": """
                import lightning as L
                from lightning.pytorch.callbacks import EarlyStopping
                warmup = L.Trainer(min_epochs=5, max_epochs=5)
                trainer = L.Trainer(max_epochs=100, callbacks=[EarlyStopping("val_loss")])
                """
            },
            # the launch trains longer
            {
                "configs/trainer/default.yaml": "min_epochs: 20\nmax_epochs: 20\n",
                "configs/callbacks/default.yaml": "early_stopping:\n"
                "  _target_: lightning.pytorch.callbacks.EarlyStopping\n  patience: 3\n",
                "train.py": "import lightning as L\n",
                "run.sh": "python train.py trainer.max_epochs=100 --max_epochs 100\n",
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\n"
            "min_epochs: 20\nmax_epochs: 20\n",
            "configs/callbacks/default.yaml": "early_stopping:\n"
            "  _target_: lightning.pytorch.callbacks.EarlyStopping\n  patience: 3\n",
            "train.py": "import lightning as L\n",
        },
        {
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\n"
            "min_epochs: 1\nmax_epochs: 20\n",
            "configs/callbacks/default.yaml": "early_stopping:\n"
            "  _target_: lightning.pytorch.callbacks.EarlyStopping\n  patience: 3\n",
            "train.py": "import lightning as L\n",
        },
        expect="min_epochs=20 >= max_epochs=20",
        name="lightning-min-epochs-config",
    ),
    RuleCase(
        "GT303",
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=100, patience=100)\n"
        },
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=100, patience=20)\n"
        },
        expect="patience 100 >= max epochs 100",
        name="ultralytics",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300, patience=30)\n"
        },
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300)\n"
        },
        expect="train(patience=30)",
        name="ultralytics",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300)\n"
        },
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300, save=False)\n"
        },
        expect="ultralytics train (saves last.pt every epoch by default)",
        name="ultralytics",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300)\n"
        },
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300, amp=False)\n"
        },
        expect="ultralytics: AMP by default",
        name="ultralytics-default",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV
            def tune(pipe, X, y):
                param_grid = {
                    "pca__n_components": [2, 3, 4, 5],
                    "svc__C": [0.1, 1, 10],
                    "svc__gamma": ["scale", 0.001, 0.01, 0.1, 1.0],
                }
                search = GridSearchCV(pipe, param_grid, cv=5)
                return search.fit(X, y)
            """
        },
        {
            "search.py": "from sklearn.model_selection import GridSearchCV\n"
            "GridSearchCV(pipe, {'C': [1, 10], 'gamma': [0.1, 1, 10]}, cv=3)\n"
        },
        expect="60 candidates × 5 folds = 300 fits",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, KFold
            grid = {"a": [1, 2, 3, 4], "b": [1, 2, 3], "c": [1, 2, 3, 4, 5]}
            search = GridSearchCV(
                pipe,
                grid,
                cv=KFold(n_splits=4),
            )
            """
        },
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, KFold
            grid = {"a": [1, 2], "b": [1, 2, 3]}
            search = GridSearchCV(
                pipe,
                grid,
                cv=KFold(n_splits=4),
            )
            """
        },
        expect="60 candidates × 4 folds = 240 fits",
        name="multi-line",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, RepeatedStratifiedKFold
            grid = {"clf__C": [0.01, 0.1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}
            GridSearchCV(pipe, grid, cv=RepeatedStratifiedKFold(n_splits=5, n_repeats=10, random_state=0))
            """
        },
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, StratifiedKFold
            grid = {"clf__C": [0.01, 0.1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}
            GridSearchCV(pipe, grid, cv=StratifiedKFold(n_splits=5, shuffle=True))
            """
        },
        expect="12 candidates × 50 folds = 600 fits",
        name="repeated-splitter",
        extra_negatives=(
            {
                "search.py": """
                from sklearn.model_selection import GridSearchCV, RepeatedKFold
                grid = {"clf__C": [0.01, 0.1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}
                GridSearchCV(pipe, grid, cv=RepeatedKFold(n_splits=2, n_repeats=3))
                """
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV
            from sklearn.neighbors import KNeighborsClassifier
            params = {"n_neighbors": list(range(1, 31)), "weights": ["uniform", "distance"], "p": [1, 2]}
            GridSearchCV(KNeighborsClassifier(), params, cv=5)
            """
        },
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV
            from sklearn.neighbors import KNeighborsClassifier
            params = {"n_neighbors": list(range(1, 5)), "weights": ["uniform", "distance"], "p": [1, 2]}
            GridSearchCV(KNeighborsClassifier(), params, cv=5)
            """
        },
        expect="120 candidates × 5 folds = 600 fits",
        name="range-grid",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            import numpy as np
            from sklearn.model_selection import GridSearchCV
            from sklearn.svm import SVC
            grid = {
                "C": np.logspace(-3, 3, 13),
                "gamma": np.logspace(-4, 1, 11),
            }
            search = GridSearchCV(SVC(), grid, cv=3)
            """
        },
        {
            "search.py": """
            import numpy as np
            from sklearn.model_selection import GridSearchCV
            from sklearn.svm import SVC
            grid = {
                "C": np.logspace(-3, 3, 4),
                "gamma": np.logspace(-4, 1, 5),
            }
            search = GridSearchCV(SVC(), grid, cv=3)
            """
        },
        expect="143 candidates × 3 folds = 429 fits",
        name="logspace-grid",
        extra_negatives=(
            {  # C cannot be sized: at least 11 candidates × 3 folds, under the threshold
                "search.py": """
                import numpy as np
                from sklearn.model_selection import GridSearchCV
                from sklearn.svm import SVC
                grid = {
                    "C": np.logspace(-3, 3, n),
                    "gamma": np.logspace(-4, 1, 11),
                }
                search = GridSearchCV(SVC(), grid, cv=3)
                """
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            import numpy as np
            from sklearn.model_selection import GridSearchCV, KFold
            search = GridSearchCV(
                pipe,
                {"alpha": np.linspace(0.1, 1.0), "l1_ratio": np.arange(0, 1, 0.25)},
                cv=KFold(n_splits=3),
            )
            """
        },
        {
            "search.py": """
            import numpy as np
            from sklearn.model_selection import GridSearchCV, KFold
            search = GridSearchCV(
                pipe,
                {"alpha": np.linspace(0.1, 1.0, 5), "l1_ratio": np.arange(0, 1, 0.25)},
                cv=KFold(n_splits=3),
            )
            """
        },
        expect="200 candidates × 3 folds = 600 fits",
        name="inline-linspace-grid",
    ),
    RuleCase(
        "GT102",
        {
            "search.py": """
            import pandas as pd
            from sklearn.model_selection import GridSearchCV
            from sklearn.tree import DecisionTreeClassifier
            df = pd.read_csv('data.csv')
            grid = {'max_depth': range(2, 12)}
            search = GridSearchCV(DecisionTreeClassifier(), grid, cv=5)
            search.fit(df[['a']], df['y'])
            """
        },
        {
            "search.py": """
            import pandas as pd
            from sklearn.model_selection import GridSearchCV
            from sklearn.tree import DecisionTreeClassifier
            df = pd.read_csv('data.csv').sample(frac=0.3)
            grid = {'max_depth': range(2, 12)}
            search = GridSearchCV(DecisionTreeClassifier(), grid, cv=5)
            search.fit(df[['a']], df['y'])
            """
        },
        expect="50 fits",
        name="range-grid",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, StratifiedKFold
            skf = StratifiedKFold(n_splits=10, shuffle=True)
            GridSearchCV(pipe, {"clf__C": [.01, .1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}, cv=skf)
            """
        },
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, StratifiedKFold
            skf = StratifiedKFold(n_splits=5, shuffle=True)
            GridSearchCV(pipe, {"clf__C": [.01, .1, 1, 10], "clf__gamma": [1e-3, 1e-2, 1e-1]}, cv=skf)
            """
        },
        expect="12 candidates × 10 folds = 120 fits",
        name="cv-variable",
    ),
    RuleCase(
        "GT304",
        {
            "sweep.yaml": "program: train.py\nmethod: grid\nparameters:\n"
            "  lr:\n    values: [0.1, 0.03, 0.01, 0.003, 0.001]\n"
            "  batch_size:\n    values: [32, 64, 128, 256]\n  epochs:\n    value: 50\n"
        },
        {
            "sweep.yaml": "program: train.py\nmethod: grid\nrun_cap: 8\nparameters:\n"
            "  lr:\n    values: [0.1, 0.03, 0.01, 0.003, 0.001]\n"
            "  batch_size:\n    values: [32, 64, 128, 256]\n"
        },
        expect="a W&B grid sweep trains every combination (5 × 4 = 20 full runs)",
        name="wandb-grid",
        extra_negatives=(
            {
                "sweep.yaml": "method: bayes\nparameters:\n  lr:\n    values: [0.1, 0.01, 0.001]\n"
                "  batch_size:\n    values: [32, 64, 128, 256]\n"
            },
            # replicates a study needs, not a search
            {
                "sweep.yaml": "method: grid\nparameters:\n  seed:\n    values: [0, 1, 2, 3]\n"
                "  fold:\n    values: [0, 1, 2, 3, 4]\n"
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "tune_ray.py": """
            from ray import tune
            space = {
                "lr": tune.grid_search([1e-4, 3e-4, 1e-3, 3e-3]),
                "batch_size": tune.grid_search([32, 64, 128]),
                "epochs": 100,
            }
            tuner = tune.Tuner(train_model, param_space=space,
                               tune_config=tune.TuneConfig(metric="loss", mode="min", num_samples=2))
            tuner.fit()
            """
        },
        {
            "tune_ray.py": """
            from ray import tune
            from ray.tune.schedulers import ASHAScheduler
            space = {
                "lr": tune.grid_search([1e-4, 3e-4, 1e-3, 3e-3]),
                "batch_size": tune.grid_search([32, 64, 128]),
            }
            tuner = tune.Tuner(train_model, param_space=space,
                               tune_config=tune.TuneConfig(scheduler=ASHAScheduler(), num_samples=2))
            tuner.fit()
            """
        },
        expect="4 × 3 combinations × num_samples=2 = 24 trials",
        name="ray-grid-search",
        extra_negatives=(
            {  # seeds are replicates, not a search
                "tune_ray.py": """
                from ray import tune
                space = {"seed": tune.grid_search([0, 1, 2, 3, 4, 5, 6, 7, 8]), "lr": 1e-3}
                tune.Tuner(train_model, param_space=space).fit()
                """
            },
            {  # a time budget caps the search
                "tune_ray.py": """
                from ray import tune
                space = {"lr": tune.grid_search([1, 2, 3, 4]), "wd": tune.grid_search([1, 2, 3])}
                tune.Tuner(train_model, param_space=space,
                           tune_config=tune.TuneConfig(time_budget_s=3600)).fit()
                """
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "tune.py": """
            import optuna
            space = {"n_estimators": [100, 300, 500, 1000], "max_depth": [None, 10, 20, 40]}
            study = optuna.create_study(sampler=optuna.samplers.GridSampler(space))
            study.optimize(objective)
            """
        },
        {
            "tune.py": """
            import optuna
            space = {"n_estimators": [100, 300, 500, 1000], "max_depth": [None, 10, 20, 40]}
            study = optuna.create_study(sampler=optuna.samplers.GridSampler(space))
            study.optimize(objective, n_trials=6)
            """
        },
        expect="Optuna's GridSampler trains every combination (4 × 4 = 16 trials)",
        name="optuna-grid-sampler",
        extra_negatives=(
            {
                "tune.py": """
                import optuna
                space = {"n_estimators": [100, 300, 500, 1000], "max_depth": [None, 10, 20, 40]}
                study = optuna.create_study(sampler=optuna.samplers.GridSampler(space),
                                            pruner=optuna.pruners.MedianPruner())
                study.optimize(objective)
                """
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "model.py": """
            def build_model(hp):
                model = keras.Sequential()
                model.add(keras.layers.Dense(hp.Int("units", min_value=32, max_value=512, step=32)))
                model.add(keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5, step=0.25)))
                model.compile(optimizer=keras.optimizers.Adam(hp.Choice("lr", values=[1e-2, 1e-3])))
                return model
            """,
            "tune.py": """
            import keras_tuner as kt
            from model import build_model
            tuner = kt.GridSearch(build_model, objective="val_accuracy", directory="kt")
            tuner.search(x_train, y_train, epochs=30, validation_split=0.2)
            """,
        },
        {
            "model.py": """
            def build_model(hp):
                model = keras.Sequential()
                model.add(keras.layers.Dense(hp.Int("units", min_value=32, max_value=512, step=32)))
                model.compile(optimizer=keras.optimizers.Adam(hp.Choice("lr", values=[1e-2, 1e-3])))
                return model
            """,
            "tune.py": """
            import keras_tuner as kt
            from model import build_model
            tuner = kt.GridSearch(build_model, objective="val_accuracy", max_trials=10)
            tuner.search(x_train, y_train, epochs=30, validation_split=0.2)
            """,
        },
        expect="keras_tuner.GridSearch trains every combination (16 × 3 × 2 = 96 trials)",
        name="keras-tuner-grid",
        extra_negatives=(
            {  # a float without a step has no finite grid: not sized
                "tune.py": """
                import keras_tuner as kt
                def build_model(hp):
                    units = hp.Int("units", 32, 512, step=32)
                    rate = hp.Float("lr", 1e-4, 1e-2, sampling="log")
                    return make(units, rate)
                kt.GridSearch(build_model, objective="val_loss").search(x, y)
                """
            },
        ),
    ),
    RuleCase(
        "GT305",
        {
            "automl.py": "from tpot import TPOTClassifier\n"
            "TPOTClassifier(generations=50, population_size=100, cv=5)\n"
        },
        {
            "automl.py": "from tpot import TPOTClassifier\n"
            "TPOTClassifier(generations=50, population_size=100, max_time_mins=60)\n"
        },
        expect="5,000 pipelines",
    ),
    RuleCase(
        "GT306",
        {
            "sweep.sh": "for lr in 0.1 0.01 0.001; do\n  for seed in 1 2; do\n"
            "    python train.py --lr $lr --seed $seed\n  done\ndone\n"
        },
        {"eval.sh": "for c in a b c d e; do\n  python evaluate.py --ckpt $c\ndone\n"},
        expect="6 full training runs",
        extra_negatives=(
            # runs a study needs: every fold, every dataset of a results table, GPU counts
            {
                "cv.sh": "for fold in 0 1 2 3 4; do\n  python train.py --fold $fold --epochs $EPOCHS\ndone\n"
            },
            {
                "table2.sh": "for dataset in mnist cifar10 cifar100 svhn; do\n"
                '  python train.py --dataset "$dataset" --output "results/${dataset}"\ndone\n'
            },
            {
                "scaling.sh": "for n in 1 2 4 8; do\n"
                "  torchrun --nproc_per_node=$n train.py --epochs 1\ndone\n"
            },
        ),
    ),
    RuleCase(
        "GT306",
        {
            "sweep.sh": "for fold in 0 1 2 3 4; do for lr in 0.1 0.01; do\n"
            "  python train.py --fold $fold --lr $lr --output runs/$fold-$lr\ndone; done\n"
        },
        {
            "sweep.sh": "for fold in 0 1 2 3 4; do for seed in 1 2; do\n"
            "  python train.py --fold $fold --seed $seed --output runs/$fold-$seed\ndone; done\n"
        },
        expect="10 full training runs",
        name="a-searched-option-among-needed-ones",
        extra_negatives=(
            {
                "sweep.sh": "for fold in 0 1 2 3 4; do\n"
                '  sbatch --job-name=f$fold --wrap "python train.py --fold $fold"\ndone\n'
            },
        ),
    ),
    RuleCase(
        "GT306",
        {
            "sweep.sh": "for lr in 0.1 0.01; do for seed in 1 2; do\n"
            '  sbatch --gres=gpu:1 --wrap "python train.py --lr $lr --seed $seed"\n'
            "done; done\n"
        },
        {"eval.sh": 'for c in a b c d e; do\n  sbatch --wrap "python evaluate.py $c"\ndone\n'},
        expect="4 full training runs (sbatch train.py)",
    ),
    RuleCase(
        "GT307",
        {"m.py": "from xgboost import XGBClassifier\nXGBClassifier(n_estimators=2000).fit(X, y)\n"},
        {
            "m.py": "from xgboost import XGBClassifier\n"
            "XGBClassifier(n_estimators=2000, early_stopping_rounds=50).fit(X, y)\n"
        },
        expect="n_estimators=2000",
        extra_negatives=(
            # the rounds and the early stop are in the parameters dict
            {
                "m.py": "from catboost import CatBoostClassifier\n"
                "params = {'iterations': 3000, 'od_type': 'Iter', 'od_wait': 100}\n"
                "def fit(X, y):\n    return CatBoostClassifier(**params).fit(X, y)\n"
            },
        ),
    ),
    RuleCase(
        "GT307",
        {
            "models.py": "import lightgbm as lgb\ndef build():\n    return lgb.LGBMClassifier(n_estimators=4000)\n",
            "train.py": "from models import build\nmodel = build()\nmodel.fit(X, y)\n",
        },
        {
            "models.py": "import lightgbm as lgb\ndef build():\n    return lgb.LGBMClassifier(n_estimators=4000)\n",
            "train.py": "import lightgbm as lgb\nfrom models import build\nmodel = build()\n"
            "model.fit(X, y, eval_set=[(Xv, yv)], callbacks=[lgb.early_stopping(100)])\n",
        },
        expect="no early stopping",
        name="factory",
    ),
    RuleCase(
        "GT308",
        {"m.py": "import torch\nmodel = torch.compile(model)\n"},
        {"m.py": "import tensorflow as tf\nmodel.compile(optimizer='adam', loss='mse')\n"},
        expect="torch.compile",
    ),
    RuleCase(
        "GT308",
        {"train.py": "import tensorflow as tf\ntf.config.optimizer.set_jit(True)\n"},
        {"train.py": "import tensorflow as tf\ntf.config.optimizer.set_jit(False)\n"},
        expect="tf.config.optimizer.set_jit",
        name="tf-xla",
        extra_negatives=(
            {
                "quantize.py": "from onnxruntime.quantization import quantize_dynamic\n"
                "quantize_dynamic('model.onnx', 'model.int8.onnx')\n"
            },
        ),
    ),
    RuleCase(
        "GT308",
        {"run.sh": "export TF_XLA_FLAGS=--tf_xla_auto_jit=2\npython train.py\n"},
        {"run.sh": "export TF_XLA_FLAGS=--tf_xla_cpu_global_jit\npython train.py\n"},
        expect="TF_XLA_FLAGS=--tf_xla_auto_jit=2",
        name="tf-xla-environment",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', torch_compile=True)\n"
        },
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', torch_compile=False)\n",
            "run.sh": "accelerate launch train.py --torch_compile False\n",
        },
        expect="TrainingArguments(torch_compile=True)",
        name="hugging-face",
        extra_negatives=(
            {"m.py": "import torch\nmodel = build(compile=True)\n"},  # not torch.compile
        ),
    ),
    RuleCase(
        "GT309",
        {
            "config/train_gpt.py": "compile = False\nbatch_size = 12\n",
            "train.py": "import torch\nmodel = model.to('cuda')\nloss.backward()\n",
        },
        {
            "config/train_gpt.py": "compile = False\ndevice = 'cpu'\n",
            "train.py": "import torch\nmodel = model.to('cuda')\nloss.backward()\n",
        },
        expect="compile",
    ),
    RuleCase(
        "GT310",
        {
            "p.py": "import torch.nn.utils.prune as prune\nprune.l1_unstructured(layer, 'weight', amount=0.5)\n"
        },
        {"p.py": "from sklearn.linear_model import Ridge\nRidge()\n"},
        expect="l1_unstructured",
    ),
    RuleCase(
        "GT311",
        {
            "m.py": "import torchvision\nmodel = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
            "import torch\nloss.backward()\n"
        },
        {
            "m.py": "import torchvision\nfrom transformers import AutoTokenizer\n"
            "model = torchvision.models.resnet50(weights=None)\n"
            "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
        },
        expect="resnet50",
    ),
    RuleCase(
        "GT312",
        {
            "train.py": "import torchvision\nmodel = torchvision.models.resnet18(weights=None)\n"
            "loss.backward()\n"
        },
        {
            "train.py": "import torchvision\nmodel = torchvision.models.resnet18(weights='DEFAULT')\n"
            "loss.backward()\n"
        },
        expect="resnet18",
    ),
    RuleCase(
        "GT312",
        {
            "train.py": "import timm\nmodel = timm.create_model(args.model, num_classes=10)\n"
            "loss.backward()\n"
        },
        {
            "train.py": "import timm\n"
            "model = timm.create_model(args.model, pretrained=args.pretrained, num_classes=10)\n"
            "loss.backward()\n"
        },
        expect="create_model is built without pre-trained weights",
        name="timm",
    ),
    RuleCase(
        "GT313",
        {
            "m.py": "from transformers import AutoModel\nm = AutoModel.from_pretrained('distilbert-base-uncased')\n"
        },
        {
            "m.py": "from transformers import AutoModel\nm = AutoModel.from_pretrained('bert-base-uncased')\n"
        },
        expect="distilbert-base-uncased",
    ),
    RuleCase(
        "GT313",
        {
            "kd.py": "import torch.nn.functional as F\nt = teacher(x)\n"
            "loss = F.kl_div(F.log_softmax(student(x), -1), F.softmax(t, -1))\n"
        },
        {
            "vae.py": "import torch.nn.functional as F\n"
            "loss = F.kl_div(F.log_softmax(q, -1), F.softmax(p, -1))\n"
        },
        expect="teacher",
        name="kd",
    ),
    # --- model training -----------------------------------------------------------------------
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nwith torch.autocast('cuda', dtype=torch.bfloat16):\n"
            "    loss = model(x)\n"
        },
        {"train.py": "import torch\nloss = model(x)\n"},
        expect="torch.autocast",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": """
            import torch
            from transformers import AutoModelForCausalLM
            model = AutoModelForCausalLM.from_pretrained(
                "gpt2",
                torch_dtype=torch.bfloat16,
                device_map="auto",
            )
            """
        },
        {
            "train.py": """
            import torch
            from transformers import AutoModelForCausalLM
            model = AutoModelForCausalLM.from_pretrained(
                "gpt2",
                device_map="auto",
            )
            """
        },
        expect="from_pretrained(float16/bfloat16)",
        name="multi-line",
        extra_negatives=(
            {"run.sh": "accelerate launch train.py --bf16 false --fp16 False\n"},
            {
                "train.py": "from tensorflow import keras\n"
                "keras.mixed_precision.set_global_policy('float32')\n"
            },
            {
                "train.py": "from transformers import BitsAndBytesConfig\n"
                "quantization = BitsAndBytesConfig(load_in_4bit=False, load_in_8bit=False)\n"
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom transformers import AutoModelForCausalLM\n"
            "model_kwargs = dict(\n    torch_dtype=torch.bfloat16,\n    device_map='auto',\n)\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2', **model_kwargs)\n"
        },
        {
            "train.py": "import torch\nfrom transformers import AutoModelForCausalLM\n"
            "model_kwargs = dict(\n    torch_dtype=torch.float32,\n    device_map='auto',\n)\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2', **model_kwargs)\n"
        },
        expect="dict(torch_dtype=float16/bfloat16)",
        name="model-kwargs",
        extra_negatives=(
            {
                "train.py": "import torch\nfrom trl import SFTConfig\n"
                "config = SFTConfig(output_dir='o', model_init_kwargs={'torch_dtype': 'float32'})\n"
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom trl import SFTConfig\n"
            "config = SFTConfig(output_dir='o', model_init_kwargs={'torch_dtype': 'bfloat16'})\n"
        },
        {
            "train.py": "import torch\nfrom trl import SFTConfig\n"
            "config = SFTConfig(output_dir='o', model_init_kwargs={'torch_dtype': 'auto'})\n"
        },
        expect="model_init_kwargs={'torch_dtype': 'bfloat16'}",
        name="model-init-kwargs",
    ),
    RuleCase(
        "GT401",
        {"run.sh": "accelerate launch train.py --bf16 True\n"},
        {"run.sh": "accelerate launch train.py --bf16 False\n"},
        expect="--bf16",
        name="command-line",
    ),
    RuleCase(
        "GT401",
        {"configs/trainer.yaml": "trainer:\n  precision: bf16-mixed\n"},
        {"configs/trainer.yaml": "trainer:\n  precision: 32\n"},
        expect="bf16-mixed",
        name="config",
    ),
    RuleCase(
        "GT402",
        {"train.py": TORCH_TRAIN_GPU},
        {
            "train.py": TORCH_TRAIN_GPU.replace(
                "    loss = crit(model(x), y)\n",
                "    with torch.autocast('cuda'):\n        loss = crit(model(x), y)\n",
            )
        },
        expect="trains on a GPU",
        extra_negatives=(
            {"train.py": TORCH_TRAIN_GPU.replace('model.to("cuda")', 'model.to("cpu")')},
            {  # an option the launch may switch on
                "train.py": "import argparse\np = argparse.ArgumentParser()\n"
                "p.add_argument('--fp16', action='store_true')\n" + TORCH_TRAIN_GPU,
                "run.sh": "python train.py --fp16 $FP16\n",
            },
            {  # the dtype on a later line of the call
                "train.py": TORCH_TRAIN_GPU.replace(
                    'model = model.to("cuda")',
                    'model = AutoModel.from_pretrained(\n    "bert",\n    torch_dtype=torch.float16,\n)\n'
                    'model = model.to("cuda")',
                )
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "from ultralytics import YOLO\nmodel = YOLO('yolov8s.pt')\n"
            "model.train(data='d.yaml', epochs=100, amp=True)\n"
        },
        {
            "train.py": "from ultralytics import YOLO\nmodel = YOLO('yolov8s.pt')\n"
            "model.train(data='d.yaml', epochs=100, amp=False)\n"
            "model.export(format='engine', half=True)\n"
        },
        expect="amp=True",
        name="ultralytics",
    ),
    RuleCase(
        "GT401",
        {
            "run.sh": "export TF_ENABLE_AUTO_MIXED_PRECISION=1\npython train.py\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=10)\n",
        },
        {
            "run.sh": "export TF_ENABLE_AUTO_MIXED_PRECISION=0\npython train.py\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=10)\n",
        },
        expect="TF_ENABLE_AUTO_MIXED_PRECISION=1",
        name="tf-environment",
        extra_negatives=(
            # a variable of the script, not exported to the training process
            {"run.sh": "TF_ENABLE_AUTO_MIXED_PRECISION=1\necho $TF_ENABLE_AUTO_MIXED_PRECISION\n"},
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import tensorflow as tf\nopt = tf.keras.optimizers.Adam()\n"
            "opt = tf.train.experimental.enable_mixed_precision_graph_rewrite(opt)\n"
        },
        {"train.py": "import tensorflow as tf\nopt = tf.keras.optimizers.Adam()\n"},
        expect="enable_mixed_precision_graph_rewrite",
        name="tf-graph-rewrite",
    ),
    RuleCase(
        "GT402",
        {"train.py": TORCH_TRAIN_GPU, "job.slurm": "#SBATCH --gres=gpu:1\npython train.py\n"},
        {"train.py": FLAX_TRAIN, "job.slurm": "#SBATCH --gres=gpu:1\npython train.py\n"},
        expect="trains on a GPU",
        name="flax",
    ),
    RuleCase(
        "GT401",
        {"train.py": FLAX_TRAIN.replace("nn.Dense(10)", "nn.Dense(10, dtype=jnp.bfloat16)")},
        {"train.py": FLAX_TRAIN.replace("nn.Dense(10)", "nn.Dense(10, dtype=jnp.float32)")},
        expect="Dense(dtype=bfloat16)",
        name="flax",
    ),
    RuleCase(
        "GT402",
        {"train.py": TORCH_TRAIN_GPU, "configs/run.yaml": "precision: 32\nepochs: 10\n"},
        {"train.py": TORCH_TRAIN_GPU, "configs/run.yaml": "precision: bf16-mixed\nepochs: 10\n"},
        expect="switched off (precision: 32)",
        name="off",
    ),
    RuleCase(
        "GT402",
        {
            "configs/trainer/gpu.yaml": "_target_: lightning.pytorch.Trainer\naccelerator: gpu\n"
            "precision: 32\nmax_epochs: 50\n",
            "src/train.py": "import hydra\ntrainer = hydra.utils.instantiate(cfg.trainer)\n"
            "trainer.fit(model)\n",
        },
        {
            "configs/trainer/gpu.yaml": "_target_: lightning.pytorch.Trainer\naccelerator: gpu\n"
            "precision: bf16-mixed\nmax_epochs: 50\n",
            "src/train.py": "import hydra\ntrainer = hydra.utils.instantiate(cfg.trainer)\n"
            "trainer.fit(model)\n",
        },
        expect="switched off (precision: 32)",
        name="hydra-trainer",
    ),
    RuleCase(
        "GT402",
        {"train.py": TORCH_TRAIN_GPU, "run.sh": "python train.py --fp16 False --epochs 3\n"},
        {"train.py": TORCH_TRAIN_GPU, "run.sh": "python train.py --fp16 --epochs 3\n"},
        expect="--fp16 False",
        name="off-on-the-command-line",
    ),
    RuleCase(
        "GT403",
        {
            "train.py": "import torch\nscaler = torch.cuda.amp.GradScaler()\nloss = crit(model(x), y)\n"
            "scaler.scale(loss).backward()\n"
        },
        {
            "train.py": "import torch\nscaler = torch.cuda.amp.GradScaler()\n"
            "with torch.autocast('cuda'):\n    loss = crit(model(x), y)\n"
            "scaler.scale(loss).backward()\n"
        },
        expect="GradScaler",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\nfor epoch in range(10):\n    train(model)\n"
            "    torch.save(model.state_dict(), 'last.pt')\n"
        },
        {
            "train.py": "import torch\nmodel.gradient_checkpointing_enable()\nfor epoch in range(10):\n"
            "    train(model)\ntorch.save(model.state_dict(), 'model.pt')\n"
        },
        expect="inside the training loop",
        extra_negatives=(
            # an inference loop writing predictions is not a training checkpoint
            {
                "predict.py": "import torch\nfor i, x in enumerate(loader):\n"
                "    torch.save(model(x), f'out/{i}.pt')\n"
            },
            # a project's own Trainer class is not the Hugging Face one
            {
                "train.py": "from transformers import AutoModel\nclass Trainer:\n    pass\n"
                "trainer = Trainer()\ntrainer.train()\n"
            },
            # one save after training, into a checkpoints folder: not a checkpoint during it
            {
                "train.py": "import torch\nfor epoch in range(200):\n    train(model)\n"
                "torch.save(model.state_dict(), os.path.join(args.ckpt_dir, 'final.pt'))\n"
            },
            {
                "train.py": "import torch\ndef main():\n    for epoch in range(200):\n"
                "        train(model)\n"
                "    torch.save(model.state_dict(), 'checkpoints/final.pt')\n"
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "utils.py": "import torch\ndef save(model, epoch):\n"
            "    torch.save(model.state_dict(), f'checkpoints/epoch_{epoch}.pt')\n"
        },
        {
            "utils.py": "import torch\ndef save(model):\n"
            "    torch.save(model.state_dict(), 'checkpoints/final.pt')\n"
        },
        expect="in a checkpoint function",
        name="helper",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\ntrainer.train()\n"
        },
        {
            "train.py": "from transformers import Trainer, TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', save_strategy='no')\n"
            "trainer = Trainer(model=model, args=args)\n"
        },
        expect="by default",
        name="default",
        extra_negatives=(
            # switched off where the trainer is configured: a recipe, a launch command
            {
                "sft.py": "from trl import SFTTrainer\ntrainer = SFTTrainer(model=model)\n",
                "recipes/sft.yaml": "num_train_epochs: 1\nsave_strategy: 'no'\n",
            },
            {
                "train.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\n",
                "run.sh": "python train.py --save_strategy no\n",
            },
            {
                "train.py": "from transformers import Trainer, TrainingArguments, IntervalStrategy\n"
                "args = TrainingArguments(output_dir='o', save_strategy=IntervalStrategy.NO)\n"
                "trainer = Trainer(model=model, args=args)\n"
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 20\n",
            "src/train.py": "import hydra\ntrainer = hydra.utils.instantiate(cfg.trainer)\n",
        },
        {
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 20\n"
            "enable_checkpointing: false\n",
            "src/train.py": "import hydra\ntrainer = hydra.utils.instantiate(cfg.trainer)\n",
        },
        expect="Lightning Trainer (config)",
        name="hydra",
    ),
    RuleCase(
        "GT405",
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', num_train_epochs=20, save_strategy='no')\n"
        },
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', num_train_epochs=2, save_strategy='no')\n"
        },
        expect="save_strategy='no'",
    ),
    RuleCase(
        "GT405",
        {
            "train.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\n",
            "run.sh": "python train.py --num_train_epochs 20 --save_strategy no\n",
        },
        {
            "train.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\n",
            "run.sh": "python train.py --num_train_epochs 20 --save_strategy epoch\n",
        },
        expect="--save_strategy no switches checkpoints off on a long run (--num_train_epochs 20)",
        name="command-line",
    ),
    RuleCase(
        "GT405",
        {
            "train.py": "from transformers import TrainingArguments, IntervalStrategy\n"
            "args = TrainingArguments(\n    num_train_epochs=30,\n    save_strategy=IntervalStrategy.NO,\n)\n"
        },
        {
            "train.py": "from transformers import TrainingArguments, IntervalStrategy\n"
            "args = TrainingArguments(\n    num_train_epochs=30,\n    save_strategy=IntervalStrategy.EPOCH,\n)\n"
        },
        expect="IntervalStrategy.NO",
        name="enum",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": "import torch\nfor epoch in range(100):\n    for x, y in loader:\n"
            "        loss = crit(model(x), y)\n        loss.backward()\n"
            "torch.save(model.state_dict(), 'model.pt')\n",
            "job.slurm": "#!/bin/bash\n#SBATCH --time=12:00:00\npython train.py\n",
        },
        {
            "train.py": "import torch\nfor epoch in range(100):\n    for x, y in loader:\n"
            "        loss = crit(model(x), y)\n        loss.backward()\n"
            "    torch.save(model.state_dict(), 'last.pt')\n",
            "job.slurm": "#!/bin/bash\n#SBATCH --time=12:00:00\npython train.py\n",
        },
        expect="up to 12 h",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": "import torch\ndef train_one_epoch(model, loader):\n"
            "    for x, y in loader:\n        crit(model(x), y).backward()\n"
            "for epoch in range(200):\n    train_one_epoch(model, loader)\n"
            "torch.save(model.state_dict(), 'model.pt')\n"
        },
        {
            "train.py": "import torch\ndef train_one_epoch(model, loader):\n"
            "    for x, y in loader:\n        crit(model(x), y).backward()\n"
            "for epoch in range(20):\n    train_one_epoch(model, loader)\n"
            "torch.save(model.state_dict(), 'model.pt')\n"
        },
        expect="a loop of 200 around train_one_epoch()",
        name="epoch-loop",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": "from tensorflow import keras\n"
            "model.fit(x, y, epochs=300, callbacks=[keras.callbacks.EarlyStopping(patience=5)])\n"
        },
        {
            "train.py": "from tensorflow import keras\n"
            "backup = keras.callbacks.BackupAndRestore(backup_dir='/tmp/backup')\n"
            "model.fit(x, y, epochs=300, callbacks=[backup])\n"
        },
        expect="300 epochs",
        name="keras",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import timm\nmodel = timm.create_model('vit_base_patch16_224')\n"
            "model.set_grad_checkpointing(enable=True)\n"
        },
        {
            "train.py": "import timm\nmodel = timm.create_model('vit_base_patch16_224')\n"
            "model.set_grad_checkpointing(enable=False)\n"
        },
        expect="set_grad_checkpointing",
        name="timm",
    ),
    RuleCase(
        "GT407",
        {
            "t.py": "from transformers import TrainingArguments\n"
            "TrainingArguments(output_dir='o', gradient_accumulation_steps=8)\n"
        },
        {
            "t.py": "from transformers import TrainingArguments\n"
            "TrainingArguments(output_dir='o', gradient_accumulation_steps=1)\n"
        },
        expect="gradient_accumulation_steps=8",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "from transformers import HfArgumentParser, TrainingArguments\n"
            "(args,) = HfArgumentParser(TrainingArguments).parse_args_into_dataclasses()\n",
            "run.sh": "torchrun train.py --output_dir out \\\n"
            "  --gradient_checkpointing True --gradient_accumulation_steps 8\n",
        },
        {
            "train.py": "from transformers import HfArgumentParser, TrainingArguments\n"
            "(args,) = HfArgumentParser(TrainingArguments).parse_args_into_dataclasses()\n",
            "run.sh": "torchrun train.py --output_dir out \\\n"
            "  --gradient_checkpointing False --gradient_accumulation_steps 1\n",
        },
        expect="--gradient_checkpointing=True",
        name="launch-flags",
        extra_negatives=(
            {
                "run.sh": "torchrun train.py --gradient_checkpointing $GC --gradient_accumulation_steps $N\n"
            },
        ),
    ),
    RuleCase(
        "GT408",
        {
            "train.py": "import torch\nlosses = []\nfor x, y in loader:\n    loss = crit(model(x), y)\n"
            "    loss.backward()\n    losses.append(loss)\n"
        },
        {
            "train.py": "import torch\nlosses = []\nfor x, y in loader:\n    loss = crit(model(x), y)\n"
            "    loss.backward()\n    losses.append(loss.item())\n"
        },
        expect="losses.append(loss)",
    ),
    RuleCase(
        "GT408",
        {
            "model.py": """
            import lightning as L
            class Classifier(L.LightningModule):
                def training_step(self, batch, batch_idx):
                    loss = self.loss_fn(self(batch[0]), batch[1])
                    self.train_losses.append(loss)
                    return loss
            """
        },
        {
            "model.py": """
            import lightning as L
            class Classifier(L.LightningModule):
                def training_step(self, batch, batch_idx):
                    loss = self.loss_fn(self(batch[0]), batch[1])
                    self.train_losses.append(loss.detach())
                    return loss
            """
        },
        expect="self.train_losses.append(loss)",
        name="lightning-training-step",
        extra_negatives=(
            # once per epoch, outside any loop
            {
                "model.py": """
                import lightning as L
                class Classifier(L.LightningModule):
                    def on_train_epoch_end(self):
                        loss = torch.stack(self.outputs).mean()
                        self.epoch_losses.append(loss)
                """
            },
        ),
    ),
    # --- deployment ---------------------------------------------------------------------------
    RuleCase("GT501", {"fl.py": "import flwr as fl\n"}, {"fl.py": "import torch\n"}, expect="flwr"),
    RuleCase(
        "GT502",
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\nCOPY . /app\n",
            "train.py": "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n",
        },
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\nCOPY . /app\n",
            "train.py": "import torch\nfrom sklearn.linear_model import LogisticRegression\n",
        },
        expect="nvidia/cuda",
    ),
    RuleCase(
        "GT502",
        {
            "Dockerfile": """
            ARG BASE_IMAGE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
            FROM ${BASE_IMAGE}
            RUN pip3 install torch==2.2.0 --index-url https://download.pytorch.org/whl/cpu
            COPY serve.py model.pt ./
            """,
            "serve.py": "import torch\nmodel = torch.jit.load('model.pt')\n",
        },
        {
            "Dockerfile": """
            ARG BASE_IMAGE=nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04
            FROM ${BASE_IMAGE}
            RUN pip3 install torch==2.2.0 --index-url https://download.pytorch.org/whl/cu118
            COPY serve.py model.pt ./
            """,
            "serve.py": "import torch\nmodel = torch.jit.load('model.pt')\n",
        },
        expect="installs CPU-only builds (PyTorch CPU wheels)",
        name="cpu-wheels",
        extra_negatives=(
            {  # a CPU image with CPU wheels: right
                "Dockerfile": "FROM python:3.11-slim\n"
                "RUN pip install torch --index-url https://download.pytorch.org/whl/cpu\n",
                "serve.py": "import torch\n",
            },
        ),
    ),
    RuleCase(
        "GT502",
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nCOPY . /app\n",
            "requirements.txt": "fastapi\nonnxruntime==1.17.1\nnumpy\n",
            "app.py": """
            import numpy as np
            import onnxruntime as ort
            session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
            """,
        },
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nCOPY . /app\n",
            "requirements.txt": "fastapi\nonnxruntime-gpu==1.17.1\nnumpy\n",
            "app.py": """
            import numpy as np
            import onnxruntime as ort
            session = ort.InferenceSession("model.onnx", providers=["CUDAExecutionProvider"])
            """,
        },
        expect="no PyTorch, TensorFlow, JAX, CuPy, GPU boosting or a GPU ONNX Runtime",
        name="onnxruntime-cpu",
        extra_negatives=(
            {  # the CPU package, but a CUDA provider asked for: not sure what runs
                "Dockerfile": "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nCOPY . /app\n",
                "requirements.txt": "onnxruntime\nnumpy\n",
                "app.py": "import onnxruntime as ort\n"
                "ort.InferenceSession('m.onnx', providers=PROVIDERS)\n",
            },
        ),
    ),
    RuleCase(
        "GT503",
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\n#SBATCH --time=10:00:00\npython train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\ntorchrun --nproc_per_node=4 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="requests 4 GPUs",
        extra_negatives=(
            # ultralytics starts its own DDP over the devices it is given
            {
                "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\npython train.py\n",
                "train.py": "from ultralytics import YOLO\n"
                "YOLO('yolov8s.pt').train(data='d.yaml', epochs=300, device=[0, 1, 2, 3])\n",
            },
            {
                "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\n"
                "yolo train data=d.yaml model=yolov8s.pt device=0,1,2,3\n",
            },
        ),
    ),
    RuleCase(
        "GT503",
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\n"
            "export CUDA_VISIBLE_DEVICES=0,1,2,3\npython train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:4\n"
            "CUDA_VISIBLE_DEVICES=0 python train.py --seed 0 &\n"
            "CUDA_VISIBLE_DEVICES=1 python train.py --seed 1 &\nwait\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="requests 4 GPUs",
        name="exported-devices",
    ),
    RuleCase(
        "GT504",
        {"run.sh": "nvidia-smi -pl 250\npython train.py\n"},
        {"run.sh": "nvidia-smi\npython train.py\n"},
        expect="nvidia-smi -pl 250",
    ),
    RuleCase(
        "GT504",
        {"run.sh": "sudo nvidia-smi -i 0,1 --power-limit=200\npython train.py\n"},
        {"run.sh": "sudo nvidia-smi -i 0,1 -q\npython train.py\n"},
        expect="nvidia-smi --power-limit=200",
        name="sudo",
    ),
    RuleCase(
        "GT504",
        {"job.slurm": "#SBATCH --gres=gpu:1\nsrun --gpu-freq=medium python train.py\n"},
        {"job.slurm": "#SBATCH --gres=gpu:1\nsrun --ntasks=1 python train.py\n"},
        expect="srun --gpu-freq=medium",
        name="srun",
    ),
    RuleCase(
        "GT505",
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:2\ntorchrun --nproc_per_node=2 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:2\n#SBATCH --gpu-freq=medium\n"
            "torchrun --nproc_per_node=2 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="request 2 GPUs",
    ),
    RuleCase(
        "GT506",
        {"job.slurm": "#!/bin/bash\n#SBATCH --begin=22:00\npython train.py\n"},
        {"job.slurm": "#!/bin/bash\n#SBATCH --begin=now\npython train.py\n"},
        expect="--begin=22:00",
    ),
    RuleCase(
        "GT507",
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --array=0-99\npython train.py --seed $SLURM_ARRAY_TASK_ID\n"
        },
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --array=0-99%10\n"
            "python train.py --seed $SLURM_ARRAY_TASK_ID\n"
        },
        expect="100 tasks",
    ),
    RuleCase(
        "GT508",
        {"d.py": "import numpy as np\nX = np.load('x.npy', mmap_mode='r')\n"},
        {"d.py": "import numpy as np\nX = np.load('x.npy')\n"},
        expect="mmap_mode='r'",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', dataloader_num_workers=4,\n"
            "                         dataloader_persistent_workers=True)\n"
        },
        {
            "ds_config.json": '{"zero_optimization": {"stage": 3, '
            '"offload_optimizer": {"device": "cpu", "pin_memory": true}}}\n'
        },
        expect="dataloader_persistent_workers=True",
        name="hugging-face",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', dataloader_pin_memory=True)\n"
        },
        {
            "train.py": "from transformers import TrainingArguments\n"
            "args = TrainingArguments(output_dir='o', dataloader_pin_memory=False)\n"
        },
        expect="dataloader_pin_memory=True",
        name="hugging-face-pin-memory",
    ),
    RuleCase(
        "GT509",
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "loader = DataLoader(ds, batch_size=32)\n" + TORCH_TRAIN_GPU
        },
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "loader = DataLoader(ds, batch_size=32, num_workers=4)\n" + TORCH_TRAIN_GPU
        },
        expect="num_workers not set",
        extra_negatives=(
            # pytorch/examples mnist: the workers come in through **kwargs built from a dict
            {
                "train.py": "import torch\n"
                "cuda_kwargs = {'num_workers': 1, 'pin_memory': True}\n"
                "loader = torch.utils.data.DataLoader(ds, **cuda_kwargs)\n" + TORCH_TRAIN_GPU
            },
        ),
    ),
    RuleCase(
        "GT510",
        {
            "t.py": "import pandas as pd\nfor epoch in range(10):\n    df = pd.read_csv('data/train.csv')\n"
        },
        {
            "t.py": "import pandas as pd\nfor f in files:\n    df = pd.read_csv(f)\n"
            "for epoch in range(10):\n    log = open('log.txt', 'a')\n"
        },
        expect="(10 times)",
    ),
    # --- management ---------------------------------------------------------------------------
    RuleCase(
        "GT601",
        {"m.py": "from river import drift\nd = drift.ADWIN()\n"},
        {"m.py": "from river import tree\n"},
        expect="ADWIN",
    ),
    RuleCase(
        "GT602",
        {
            ".github/workflows/retrain.yml": """
            on:
              schedule:
                - cron: '0 3 * * 1'
            jobs:
              retrain:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py
            """
        },
        {
            ".github/workflows/retrain.yml": """
            on:
              schedule:
                - cron: '0 3 * * 1'
            jobs:
              retrain:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py
            """,
            "requirements.txt": "alibi-detect>=0.11\n",
        },
        expect="fixed schedule",
        extra_negatives=(
            {
                ".github/workflows/retrain.yml": """
                on:
                  schedule:
                    - cron: '0 3 * * 1'
                jobs:
                  retrain:
                    runs-on: ubuntu-latest
                    steps:
                      - run: python check_drift.py && python train.py
                """,
                "check_drift.py": """
                from evidently import Report
                from evidently.presets import DataDriftPreset
                Report([DataDriftPreset()]).run(reference_data=ref, current_data=cur)
                """,
            },
        ),
    ),
    RuleCase(
        "GT602",
        {
            ".github/workflows/retrain.yml": """
            on:
              schedule:
                - cron: '0 3 * * 1'
            jobs:
              retrain:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py && python report.py
            """,
            "requirements.txt": "evidently>=0.4\n",
            "report.py": """
            from evidently import Report
            from evidently.presets import ClassificationPreset
            Report([ClassificationPreset()]).run(reference_data=None, current_data=preds)
            """,
        },
        {
            ".github/workflows/retrain.yml": """
            on:
              schedule:
                - cron: '0 3 * * 1'
            jobs:
              retrain:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py && python report.py
            """,
            "report.py": """
            from evidently import Report
            from evidently.metrics import ColumnDriftMetric
            Report([ColumnDriftMetric(column_name="age")]).run(reference_data=ref, current_data=cur)
            """,
        },
        expect="fixed schedule",
        name="quality-report-is-not-a-drift-check",
    ),
    RuleCase(
        "GT603",
        {
            "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps:\n      - data/train.csv\n"
            "      - train.py\n    params:\n      - train.lr\n"
        },
        {"m.py": "from sklearn.linear_model import SGDClassifier\nSGDClassifier().fit(X, y)\n"},
        expect="stage 'train'",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/ci.yml": """
            on: [push, pull_request]
            jobs:
              train:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py --epochs 50
            """
        },
        {
            ".github/workflows/ci.yml": """
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: pytest
                  - run: python train.py --fast_dev_run
            """
        },
        expect="python train.py --epochs",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/train.yml": """
            on:
              push:
                branches: [main]
            jobs:
              train:
                runs-on: ubuntu-latest
                steps:
                  - run: python src/train.py
            """
        },
        {
            ".github/workflows/train.yml": """
            on:
              push:
                branches: [main]
                paths: ["data/**", "src/train.py", "params.yaml"]
              pull_request:
                paths-ignore: ["docs/**"]
            jobs:
              train:
                runs-on: ubuntu-latest
                steps:
                  - run: python src/train.py
            """
        },
        expect="on every push",
        name="path-filter",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/train.yml": """
            on: [pull_request, push, workflow_dispatch]
            jobs:
              retrain:
                if: github.event_name != 'workflow_dispatch'
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py --epochs 50
              release:
                if: startsWith(github.ref, 'refs/tags/')
                runs-on: ubuntu-latest
                steps:
                  - run: python package.py
            """
        },
        {
            ".github/workflows/train.yml": """
            on: [pull_request, push, workflow_dispatch]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: pytest
              retrain:
                if: github.event_name == 'workflow_dispatch'
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py --epochs 50
            """
        },
        expect="on every pull request",
        name="if-gated",
        extra_negatives=(
            {
                ".github/workflows/release.yml": """
                on: [push, schedule]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - name: Train
                        if: ${{ github.ref_type == 'tag' || github.event_name == 'schedule' }}
                        run: |
                          pip install -r requirements.txt
                          python train.py --epochs 50
                """
            },
        ),
    ),
    RuleCase(
        "GT602",
        {
            ".gitlab-ci.yml": """
            train:
              when: manual
              script:
                - python train.py --epochs 30

            retrain-weekly:
              only:
                - schedules
              script:
                - python src/train.py --epochs 30
            """
        },
        {
            ".gitlab-ci.yml": """
            train:
              when: manual
              script:
                - python train.py --epochs 30

            report:
              only:
                - schedules
              script:
                - python report.py
            """
        },
        expect="python src/train.py",
        name="gitlab-per-job",
        extra_negatives=(
            {
                ".gitlab-ci.yml": """
                train:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "push"
                  script:
                    - python train.py --epochs 30

                report:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "schedule"
                  script:
                    - python report.py
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  except:
                    - schedules
                  script:
                    - python train.py --epochs 30

                report:
                  only: [schedules]
                  script:
                    - python report.py
                """
            },
        ),
    ),
    RuleCase(
        "GT604",
        {
            ".gitlab-ci.yml": """
            test:
              script:
                - pytest -q

            train:
              tags: [gpu]
              script:
                - python train.py --epochs 30
            """
        },
        {
            ".gitlab-ci.yml": """
            test:
              script:
                - pytest -q

            train:
              tags: [gpu]
              when: manual
              script:
                - python train.py --epochs 30

            retrain-weekly:
              tags: [gpu]
              only:
                - schedules
              script:
                - python train.py --epochs 30
            """
        },
        expect="on every push",
        name="gitlab-manual-or-scheduled",
        extra_negatives=(
            {
                ".gitlab-ci.yml": """
                release-model:
                  only: [tags]
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  only: [web, triggers, api]
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  only:
                    refs: [schedules]
                    variables: [$RETRAIN == "yes"]
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  except: [branches]
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  rules:
                    - if: $CI_COMMIT_BRANCH == "main"
                      when: manual
                  script:
                    - python train.py --epochs 30
                """
            },
        ),
    ),
    RuleCase(
        "GT604",
        {
            ".gitlab-ci.yml": """
            train:
              rules:
                - if: $CI_COMMIT_BRANCH == "main"
              script:
                - python train.py --epochs 30
            """
        },
        {
            ".gitlab-ci.yml": """
            retrain-nightly:
              rules:
                - if: '$CI_PIPELINE_SOURCE == "schedule"'
              script:
                - python train.py --epochs 30

            train-on-change:
              rules:
                - if: '$CI_PIPELINE_SOURCE == "push"'
                  changes:
                    - data/**/*
                    - train.py
              script:
                - python train.py --epochs 30
            """
        },
        expect="on every push",
        name="gitlab-rules",
        extra_negatives=(
            {
                ".gitlab-ci.yml": """
                train:
                  rules:
                    - if: $CI_COMMIT_TAG
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "web" || $CI_PIPELINE_SOURCE == "api"
                    - if: $CI_PIPELINE_SOURCE == "trigger"
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                .gpu-train:
                  tags: [gpu]
                  rules:
                    - if: $CI_PIPELINE_SOURCE == "schedule"

                train:
                  extends: .gpu-train
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                workflow:
                  rules:
                    - if: $CI_COMMIT_TAG
                    - if: $CI_PIPELINE_SOURCE == "schedule"

                train:
                  script:
                    - python train.py --epochs 30
                """
            },
            {
                ".gitlab-ci.yml": """
                train:
                  only:
                    refs: [main]
                    changes: [data/**/*, train.py]
                  script:
                    - python train.py --epochs 30
                """
            },
        ),
    ),
    RuleCase(
        "GT604",
        {
            ".gitlab-ci.yml": """
            workflow:
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                  when: never
                - if: $CI_COMMIT_BRANCH

            train:
              only: [branches]
              script:
                - python train.py --epochs 30
            """
        },
        {
            ".gitlab-ci.yml": """
            workflow:
              rules:
                - if: $CI_COMMIT_BRANCH
                  changes: [data/**/*, train.py]

            train:
              only: [branches]
              script:
                - python train.py --epochs 30
            """
        },
        expect="on every push",
        name="gitlab-workflow",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/train.yml": """
            on:
              push:
                branches: [main]
                tags: ["v*.*.*"]
            jobs:
              train:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py --epochs 30
            """
        },
        {
            ".github/workflows/release.yml": """
            on:
              push:
                tags:
                  - "v*.*.*"
            jobs:
              train:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py --epochs 30
            """
        },
        expect="on every push",
        name="tag-push",
        extra_negatives=(
            {
                ".github/workflows/release.yml": """
                on:
                  push:
                    tags-ignore: ["*-rc*"]
                jobs:
                  train:
                    runs-on: ubuntu-latest
                    steps:
                      - run: python train.py --epochs 30
                """
            },
        ),
    ),
    RuleCase(
        "GT605",
        {
            "t.py": "from codecarbon import EmissionsTracker\nwith EmissionsTracker():\n    train()\n"
        },
        {"t.py": "import torch\n"},
        expect="codecarbon",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": "from sklearn.linear_model import LogisticRegression\n"
            "LogisticRegression().fit(X, y)\n"
        },
        {
            "train.py": "from sklearn.linear_model import LogisticRegression\n"
            "LogisticRegression().fit(X, y)\n",
            "requirements.txt": "codecarbon\nscikit-learn\n",
        },
        expect="train.py",
    ),
    # --- third round of probes: Hugging Face, Lightning, torchvision references, CI, Docker ------
    RuleCase(
        "GT404",
        {
            "train_ner.py": """
            from transformers import Trainer, TrainingArguments
            args = TrainingArguments("out", save_strategy="steps", save_steps=200)
            Trainer(model=model, args=args).train()
            """
        },
        {
            "train_ner.py": """
            from transformers import Trainer, TrainingArguments
            args = TrainingArguments("out", save_strategy="no", num_train_epochs=20)
            Trainer(model=model, args=args).train(resume_from_checkpoint=checkpoint)
            """
        },
        # the setting by name, and no "every 500 steps by default" beside an explicit interval
        expect="Saves training checkpoints: save_strategy=steps, save_steps=200",
        name="hf-interval-and-resume-without-saving",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": """
            import torch
            def train_one_epoch(model, loader, optimizer):
                for x, y in loader:
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            for epoch in range(90):
                train_one_epoch(model, loader, optimizer)
            """
        },
        {
            "train.py": """
            import torch
            import utils
            def train_one_epoch(model, loader, optimizer):
                for x, y in loader:
                    loss = criterion(model(x), y)
                    loss.backward()
                    optimizer.step()
            for epoch in range(90):
                train_one_epoch(model, loader, optimizer)
                checkpoint = {"model": model.state_dict(), "epoch": epoch}
                utils.save_on_master(checkpoint, f"{output_dir}/model_{epoch}.pth")
            """
        },
        expect="training runs for 90 epochs",
        name="torchvision-references-save-on-master",
    ),
    RuleCase(
        "GT303",
        {
            "train_pl.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            trainer = L.Trainer(max_epochs=6, val_check_interval=0.5,
                                callbacks=[EarlyStopping(monitor="val_loss", patience=12)])
            """
        },
        {
            "train_pl.py": """
            import lightning as L
            from lightning.pytorch.callbacks import EarlyStopping
            trainer = L.Trainer(max_epochs=6, val_check_interval=0.25,
                                callbacks=[EarlyStopping(monitor="val_loss", patience=8)])
            """
        },
        expect="patience 6 >= max epochs 6",
        name="lightning-val-check-fraction",
        extra_negatives=(
            {  # validation every 500 batches: epochs per check unknown
                "train_pl.py": """
                import lightning as L
                from lightning.pytorch.callbacks import EarlyStopping
                trainer = L.Trainer(max_epochs=6, val_check_interval=500,
                                    callbacks=[EarlyStopping(monitor="val_loss", patience=8)])
                """
            },
        ),
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/ci.yml": """
            on: [push]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py trainer.max_epochs=30
            """
        },
        {
            ".github/workflows/ci.yml": """
            on: [push]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: python train.py trainer.fast_dev_run=true
                  - run: python train.py +trainer.limit_train_batches=2 debug=fdr
                  - run: python train.py --help
            """
        },
        expect="python train.py trainer.max_epochs=30",
        name="hydra-smoke-overrides",
    ),
    RuleCase(
        "GT502",
        {
            "Dockerfile": """
            FROM python:3.11-slim AS builder
            RUN pip wheel -r requirements.txt -w /wheels
            FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04
            COPY --from=builder /wheels /wheels
            """,
            "app.py": "import pandas as pd\nfrom sklearn.linear_model import Ridge\n",
        },
        {
            "Dockerfile": """
            ARG BUILD_IMAGE=nvidia/cuda:12.2.0-devel-ubuntu22.04
            FROM ${BUILD_IMAGE} AS builder
            RUN pip wheel -r requirements.txt -w /wheels
            FROM python:3.11-slim
            COPY --from=builder /wheels /wheels
            """,
            "app.py": "import pandas as pd\nfrom sklearn.linear_model import Ridge\n",
        },
        expect="FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04",
        name="only-the-final-stage-ships",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV, LeaveOneOut
            knn_grid = {"n_neighbors": list(range(1, 31)), "weights": ["uniform", "distance"]}
            GridSearchCV(KNeighborsClassifier(), knn_grid, cv=LeaveOneOut())
            """
        },
        {
            "search.py": """
            from sklearn.model_selection import GridSearchCV
            gs = GridSearchCV(SVC(), cfg["param_grid"], cv=5)
            knn_grid = {"n_neighbors": list(range(1, 31)), "weights": ["uniform", "distance"]}
            """
        },
        expect="60 candidates × 5 folds (assumed: its cv could not be read) = 300 fits",
        name="grid-from-config-is-not-a-later-variable",
    ),
    RuleCase(
        "GT503",
        {
            "run.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:2\n"
            "nvidia-smi --query-gpu=power.draw --format=csv -l 60 > gpu.csv &\npython train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "run.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:2\n"
            "python train.py --seed 0 &\npython train.py --seed 1 &\nwait\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="1 GPU sits idle",
        name="background-logger-is-not-a-run",
    ),
    RuleCase(
        "GT606",
        {
            "main.py": """
            from lightning.pytorch.cli import LightningCLI
            from model import LitModel
            from data import DataModule
            def cli_main():
                LightningCLI(LitModel, DataModule)
            """
        },
        {
            "main.py": """
            from lightning.pytorch.cli import LightningCLI
            from codecarbon import track_emissions
            @track_emissions()
            def cli_main():
                LightningCLI(LitModel, DataModule)
            """
        },
        expect="main.py",
        name="lightning-cli-trains",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": """
            import deepspeed
            engine, optimizer, _, _ = deepspeed.initialize(model=model, config="ds.json")
            for batch in loader:
                loss = engine(batch)
                engine.backward(loss)
                engine.step()
            """
        },
        {
            "infer.py": """
            import torch
            torch.autograd.backward(outputs, grad_tensors)
            """
        },
        expect="train.py",
        name="deepspeed-engine-backward",
    ),
    # --- probe round 3 leftovers -------------------------------------------------------------
    RuleCase(
        "GT307",
        {
            "models.py": "from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier\n"
            "hgb = HistGradientBoostingClassifier(max_iter=1000, n_iter_no_change=20).fit(X, y)\n"
            "gbc = GradientBoostingClassifier(n_estimators=800).fit(X, y)\n"
        },
        {
            "models.py": "from sklearn.ensemble import GradientBoostingClassifier\n"
            "gbc = GradientBoostingClassifier(n_estimators=800, n_iter_no_change=10).fit(X, y)\n"
        },
        expect="GradientBoostingClassifier with n_estimators=800",
        name="per-model",
    ),
    RuleCase(
        "GT307",
        {
            "train.py": "import argparse\nimport lightgbm as lgb\n"
            "p = argparse.ArgumentParser()\np.add_argument('--n-estimators', type=int, default=2000)\n"
            "args = p.parse_args()\n"
            "model = lgb.LGBMRegressor(n_estimators=args.n_estimators)\nmodel.fit(X, y)\n"
        },
        {
            "train.py": "import argparse\nimport lightgbm as lgb\n"
            "p = argparse.ArgumentParser()\np.add_argument('--n-estimators', type=int, default=200)\n"
            "args = p.parse_args()\n"
            "model = lgb.LGBMRegressor(n_estimators=args.n_estimators)\nmodel.fit(X, y)\n"
        },
        expect="n_estimators from the command line (default 2000)",
        name="argparse-default",
    ),
    RuleCase(
        "GT301",
        {
            "search.py": "import argparse\nfrom hyperopt import fmin, tpe\n"
            "p = argparse.ArgumentParser()\np.add_argument('--max-runs', type=int, default=12)\n"
            "args = p.parse_args()\n"
            "best = fmin(objective, space, algo=tpe.suggest, max_evals=args.max_runs)\n"
        },
        {
            "search.py": "import optuna\nstudy = optuna.create_study()\n"
            "study.optimize(objective, n_trials=None)\n"
        },
        expect="hyperopt fmin(max_evals=12)",
        name="budget-from-option",
    ),
    RuleCase(
        "GT301",
        {
            "search.py": "import optuna\nstudy = optuna.create_study()\n"
            "study.optimize(objective, n_trials=cfg.trials)\n"
        },
        {"search.py": "import optuna\nstudy = optuna.create_study()\nstudy.optimize(objective)\n"},
        expect="study.optimize(n_trials set at run time)",
        name="budget-at-run-time",
    ),
    RuleCase(
        "GT312",
        {
            "train.py": "import torchvision\nmodel = torchvision.models.resnet50(num_classes=10)\n"
            "loss.backward()\n"
        },
        {
            "train.py": "import torchvision\nmodel = torchvision.models.resnet50(num_classes=10)\n"
            "model.load_state_dict(torch.load(args.init))\nloss.backward()\n"
        },
        expect="resnet50 is built with no weights argument",
        name="torchvision-default",
        extra_negatives=(
            # detection builders start from an ImageNet backbone by default
            {
                "train.py": "import torchvision\n"
                "model = torchvision.models.detection.fasterrcnn_resnet50_fpn(num_classes=3)\n"
                "loss.backward()\n"
            },
            # a class of torchvision's is a custom configuration, with no weights to offer
            {
                "train.py": "from torchvision.models import ResNet\n"
                "model = ResNet(block, [2, 2, 2, 2])\nloss.backward()\n"
            },
        ),
    ),
    RuleCase(
        "GT505",
        {
            "a_small.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:2\ntorchrun --nproc_per_node=2 train.py\n",
            "b_large.slurm": "#!/bin/bash\n#SBATCH --nodes=4\n#SBATCH --gres=gpu:8\n"
            "srun torchrun --nproc_per_node=8 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "b_large.slurm": "#!/bin/bash\n#SBATCH --nodes=4\n#SBATCH --gres=gpu:8\n"
            "nvidia-smi -pl 250\nsrun torchrun --nproc_per_node=8 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="jobs request 32 GPUs (4 nodes × 8: #SBATCH --gres=gpu:8)",
        name="multi-node",
    ),
    RuleCase(
        "GT510",
        {
            "watch.py": "import json\nfor step in range(1000):\n"
            "    cfg = json.load(open('config/thresholds.json'))\n    evaluate(cfg)\n"
        },
        {
            "watch.py": "import json, time\nwhile True:\n"
            "    cfg = json.load(open('config/thresholds.json'))\n    evaluate(cfg)\n"
            "    time.sleep(30)\n"
        },
        expect="config/thresholds.json",
        name="polling",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom transformers import TrainingArguments\n"
            "args = TrainingArguments('out', bf16=torch.cuda.is_bf16_supported())\n"
        },
        {
            "train.py": "import torch\nfrom transformers import TrainingArguments\n"
            "args = TrainingArguments('out', bf16=False)\n"
        },
        expect="bf16 where supported",
        name="bf16-if-supported",
    ),
    RuleCase(
        "GT304",
        {
            "src/search_space.py": "SVC_GRID = {'C': [0.1, 1, 10, 100], 'gamma': [1e-3, 1e-2, 1e-1], 'kernel': ['rbf', 'poly']}\n",
            "src/bench.py": "from sklearn.model_selection import GridSearchCV\n"
            "from sklearn.pipeline import make_pipeline\nfrom search_space import SVC_GRID\n"
            "search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), SVC_GRID, cv=5)\n"
            "search.fit(X, y)\n",
        },
        {
            "src/bench.py": "from sklearn.model_selection import GridSearchCV\n"
            "from sklearn.pipeline import make_pipeline\nfrom search_space import SVC_GRID\n"
            "search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), SVC_GRID, cv=5)\n"
            "search.fit(X, y)\n",
        },
        expect="24 candidates × 5 folds = 120 fits",
        name="imported-grid",
        extra_negatives=(
            # a name imported under another name is not the grid of the same name
            {
                "pkg/spaces.py": "GRID = {'C': [0.1, 1, 10, 100], 'gamma': [1, 2, 3], 'k': [1, 2]}\n",
                "pkg/bench.py": "from sklearn.model_selection import GridSearchCV\n"
                "from .spaces import SMALL as GRID\n"
                "search = GridSearchCV(SVC(), GRID, cv=5)\nsearch.fit(X, y)\n",
            },
        ),
    ),
    RuleCase(
        "GT304",
        {
            "pkg/spaces.py": "GRID = {'C': [0.1, 1, 10, 100], 'gamma': [1, 2, 3], 'k': [1, 2]}\n",
            "pkg/bench.py": "from sklearn.model_selection import GridSearchCV\n"
            "from .spaces import GRID\nsearch = GridSearchCV(SVC(), GRID, cv=5)\nsearch.fit(X, y)\n",
        },
        {
            "pkg/spaces.py": "GRID = {'C': [0.1, 1, 10, 100], 'gamma': [1, 2, 3], 'k': [1, 2]}\n",
            "pkg/bench.py": "from sklearn.model_selection import GridSearchCV\n"
            "from .spaces import GRID\nsearch = GridSearchCV(SVC(), small_grid(GRID), cv=5)\n"
            "search.fit(X, y)\n",
        },
        expect="24 candidates × 5 folds = 120 fits",
        name="relative-import",
    ),
    RuleCase(
        "GT304",
        {
            "sweep.sh": "#!/bin/bash\n"
            "python train.py --multirun model=resnet,wide_resnet,densenet optimizer.lr=0.1,0.03,0.01,0.003 seed=0,1,2\n",
            "train.py": "import hydra\n",
        },
        {
            "sweep.sh": "#!/bin/bash\n"
            "python train.py --multirun hydra/sweeper=optuna model=resnet,wide_resnet,densenet optimizer.lr=0.1,0.03,0.01,0.003\n",
            "train.py": "import hydra\n",
        },
        expect="Hydra's multirun (python train.py --multirun) trains every combination (3 × 4 × 3 = 36 trials)",
        name="hydra-multirun",
        extra_negatives=(
            # replicates only: every seed and fold is needed
            {"sweep.sh": "python train.py -m seed=0,1,2 fold=0,1,2,3,4\n"},
            # not a multirun: the commas are one value
            {"sweep.sh": "python train.py model.layers=64,64,32 optimizer.lr=0.1,0.01\n"},
            # python -m is the module flag, not Hydra's
            {"sweep.sh": "python -m pip install a,b c=1,2\n"},
        ),
    ),
    RuleCase(
        "GT304",
        {
            "conf/config.yaml": "defaults:\n  - model: resnet\nhydra:\n  sweeper:\n    params:\n"
            "      model: resnet,densenet\n      optimizer.lr: choice(0.1, 0.01, 0.001)\n"
            "      batch_size: range(32, 160, 32)\n",
            "train.py": "import hydra\n",
        },
        {
            "conf/hparams_search/optuna.yaml": "defaults:\n  - override /hydra/sweeper: optuna\n"
            "hydra:\n  sweeper:\n    params:\n"
            "      model: choice(resnet, densenet)\n      optimizer.lr: choice(0.1, 0.01, 0.001)\n"
            "      batch_size: range(32, 160, 32)\n",
            "train.py": "import hydra\n",
        },
        expect="2 × 3 × 4 = 24 trials",
        name="hydra-sweeper-params",
    ),
    RuleCase(
        "GT602",
        {
            "dags/retrain.py": "from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n"
            "with DAG(dag_id='retrain', schedule='0 3 * * *', catchup=False) as dag:\n"
            "    BashOperator(task_id='train', bash_command='python pipeline/train.py --date {{ ds }}')\n",
        },
        {
            "dags/retrain.py": "from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n"
            "with DAG(dag_id='retrain', schedule=[features_dataset], catchup=False) as dag:\n"
            "    BashOperator(task_id='train', bash_command='python pipeline/train.py --date {{ ds }}')\n",
        },
        expect="an Airflow DAG (schedule='0 3 * * *') runs 'python pipeline/train.py'",
        name="airflow",
        extra_negatives=(
            # a scheduled DAG that does not train
            {
                "dags/report.py": "from airflow import DAG\nfrom airflow.operators.bash import BashOperator\n"
                "with DAG(dag_id='report', schedule='@daily') as dag:\n"
                "    BashOperator(task_id='r', bash_command='python make_report.py')\n",
            },
            # a drift check gates the retraining
            {
                "dags/retrain.py": "from airflow import DAG\nfrom airflow.operators.python import PythonOperator\n"
                "from alibi_detect.cd import KSDrift\n"
                "with DAG(dag_id='retrain', schedule_interval='@weekly') as dag:\n"
                "    PythonOperator(task_id='train', python_callable=retrain_model)\n",
            },
        ),
    ),
    RuleCase(
        "GT602",
        {
            "k8s/retrain.yaml": "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: retrain\n"
            "spec:\n  schedule: '0 2 * * 0'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            "          containers:\n            - name: trainer\n              command: [python, train.py]\n",
        },
        {
            "k8s/retrain.yaml": "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cleanup\n"
            "spec:\n  schedule: '0 2 * * 0'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            "          containers:\n            - name: c\n              command: [python, cleanup_old_runs.py]\n",
        },
        expect="a Kubernetes CronJob (schedule '0 2 * * 0') runs 'python train.py'",
        name="k8s-cronjob",
    ),
    RuleCase(
        "GT503",
        {
            "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: trainer\n          command: [python, train.py]\n          resources:\n            limits:\n"
            "              nvidia.com/gpu: 4\n",
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
        },
        {
            "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: trainer\n          command: [torchrun, --nproc_per_node=4, train.py]\n          resources:\n            limits:\n"
            "              nvidia.com/gpu: 4\n",
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
        },
        expect="the container requests 4 GPUs (nvidia.com/gpu: 4) but runs 'python train.py'",
        name="kubernetes",
        extra_negatives=(
            {
                "docker-compose.yml": "services:\n  train:\n    command: python train.py\n    deploy:\n"
                "      resources:\n        reservations:\n          devices:\n"
                "            - driver: nvidia\n              count: 1\n              capabilities: [gpu]\n",
                "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
            },
        ),
    ),
    RuleCase(
        "GT503",
        {
            "docker-compose.yml": "services:\n  train:\n    command: python train.py --epochs 100\n    deploy:\n"
            "      resources:\n        reservations:\n          devices:\n"
            "            - driver: nvidia\n              count: 2\n              capabilities: [gpu]\n",
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
        },
        {
            "docker-compose.yml": "services:\n  train:\n    command: python train.py --epochs 100\n    deploy:\n"
            "      resources:\n        reservations:\n          devices:\n"
            "            - driver: nvidia\n              count: 2\n              capabilities: [compute]\n",
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
        },
        expect="1 GPU sits idle",
        name="compose",
    ),
    RuleCase(
        "GT306",
        {
            "sweep.sh": "for alpha in 0.01 0.1 0.5 1.0; do\n  for l1 in 0.0 0.25 0.5 0.75 1.0; do\n"
            "    mlflow run . -P alpha=$alpha -P l1_ratio=$l1\n  done\ndone\n"
        },
        {
            "sweep.sh": "for seed in 0 1 2 3 4 5 6 7 8 9; do\n  mlflow run . -P seed=$seed\ndone\n"
            "for lr in 0.1 0.01 0.001 0.0001 0.3 0.03 0.003 0.0003; do\n"
            "  mlflow run . -e evaluate -P lr=$lr\ndone\n"
        },
        expect="a shell loop launches 20 full training runs (mlflow run)",
        name="mlflow-run",
    ),
    # --- probe round 4 -----------------------------------------------------------------------
    RuleCase(
        "GT302",
        {
            "train.py": "from sklearn.neural_network import MLPClassifier\n"
            "MLPClassifier(early_stopping=True).fit(X, y)\n"
        },
        {
            "summarize.py": "from transformers import AutoModelForSeq2SeqLM, pipeline\n"
            "out = model.generate(ids, num_beams=4, early_stopping=True)\n"
            "summarizer = pipeline('summarization')\nsummarizer(text, early_stopping=True)\n"
        },
        expect="MLPClassifier(early_stopping=True)",
        name="not-beam-search",
        extra_negatives=(
            {
                "model/generation_config.json": '{"num_beams": 4, "early_stopping": true}',
                "gen.yaml": "generation:\n  num_beams: 4\n  early_stopping: true\n",
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "sft.yaml": "num_train_epochs: 3\neval_strategy: epoch\nearly_stopping_patience: 5\n",
            "train.py": "from transformers import Trainer\n",
        },
        {
            "sft.yaml": "num_train_epochs: 3\neval_strategy: steps\neval_steps: 50\n"
            "early_stopping_patience: 5\n",
            "train.py": "from transformers import Trainer\n",
        },
        expect="patience 5 >= max epochs 3",
        name="recipe-evaluations",
        extra_negatives=(
            # axolotl: several evaluations per epoch
            {
                "qlora.yml": "num_epochs: 4\nevals_per_epoch: 4\neval_strategy: epoch\n"
                "early_stopping_patience: 3\n"
            },
        ),
    ),
    RuleCase(
        "GT303",
        {
            "train.py": "from tensorflow import keras\nEPOCHS = 10\n"
            "stop = keras.callbacks.EarlyStopping(patience=9)\n"
            "model.fit(x, y, epochs=EPOCHS, callbacks=[stop])\n"
        },
        {
            "train.py": "from tensorflow import keras\nEPOCHS = 10\n"
            "stop = keras.callbacks.EarlyStopping(patience=3)\n"
            "model.fit(x, y, epochs=EPOCHS, callbacks=[stop])\n"
        },
        expect="patience 9 + 1 >= max epochs 10",
        name="last-epoch-arithmetic",
    ),
    RuleCase(
        "GT307",
        {
            "train.py": "import lightgbm as lgb\n"
            "lgb.train(params, train_set, num_boost_round=3000, valid_sets=[valid], "
            "callbacks=[lgb.log_evaluation(100)])\n"
        },
        {
            "train.py": "import lightgbm as lgb\n"
            "lgb.train(params, train_set, num_boost_round=3000, valid_sets=[valid], "
            "callbacks=[lgb.log_evaluation(100), lgb.early_stopping(50)])\n"
        },
        expect="num_boost_round=3000",
        name="logging-callback",
    ),
    RuleCase(
        "GT201",
        {
            "train.py": "import argparse\nfrom sklearn.datasets import load_wine\n"
            "from sklearn.ensemble import RandomForestClassifier\n"
            "p = argparse.ArgumentParser()\np.add_argument('--n-estimators', type=int, default=1500)\n"
            "args = p.parse_args()\nX, y = load_wine(return_X_y=True)\n"
            "RandomForestClassifier(n_estimators=args.n_estimators).fit(X, y)\n"
        },
        {
            "train.py": "import argparse\nfrom sklearn.datasets import load_wine\n"
            "from sklearn.ensemble import RandomForestClassifier\n"
            "p = argparse.ArgumentParser()\np.add_argument('--n-estimators', type=int, default=50)\n"
            "args = p.parse_args()\nX, y = load_wine(return_X_y=True)\n"
            "RandomForestClassifier(n_estimators=args.n_estimators).fit(X, y)\n"
        },
        expect="RandomForestClassifier with 1500 estimators",
        name="argparse-default",
    ),
    RuleCase(
        "GT401",
        {"train.py": "import keras\nkeras.mixed_precision.set_dtype_policy('mixed_float16')\n"},
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n"
            "scaler = GradScaler()\nfor x, y in loader:\n    loss = crit(model(x), y)\n"
            "    scaler.scale(loss).backward()\n"
        },
        expect="keras mixed_precision policy",
        name="keras3-and-scaler-alone",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": "import functools\nimport jax\n"
            "@functools.partial(jax.jit, donate_argnums=(0,))\ndef step(state, batch):\n    return state\n"
        },
        {
            "train.py": "import functools\nimport jax\n"
            "@functools.partial(jax.vmap, in_axes=0)\ndef step(state, batch):\n    return state\n"
        },
        expect="jax.jit",
        name="partial-jit",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import tensorflow as tf\nwith tf.device('/GPU:0'):\n"
            "    for epoch in range(500):\n        with tf.GradientTape() as tape:\n"
            "            loss = loss_fn(model(x), y)\n"
            "        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))\n"
        },
        {
            "train.py": "import tensorflow as tf\nwith tf.device('/CPU:0'):\n"
            "    for epoch in range(500):\n        with tf.GradientTape() as tape:\n"
            "            loss = loss_fn(model(x), y)\n"
            "        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))\n"
        },
        expect="tf.device('/GPU:0')",
        name="tensorflow-device",
    ),
    RuleCase(
        "GT503",
        {
            "job.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:4\npython train_net.py --num-gpus 4\n",
            "train_net.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
        },
        {
            "job.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:4\npython train_net.py --num-gpus 4\n",
            "train_net.py": "import torch\nfrom detectron2.engine import launch\n"
            "model = model.cuda()\nloss.backward()\nlaunch(main, args.num_gpus)\n",
        },
        expect="3 GPUs sit idle",
        name="detectron2-launch",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": "import torch\nmodel = Net().cuda()\nfor epoch in tqdm(range(400)):\n"
            "    for x, y in loader:\n        loss = crit(model(x.cuda()), y.cuda())\n"
            "        loss.backward()\n        opt.step()\ntorch.save(model.state_dict(), 'final.pt')\n"
        },
        {
            "train.py": "import torch\nmodel = Net().cuda()\nfor epoch in range(400):\n"
            "    for x, y in loader:\n        loss = crit(model(x.cuda()), y.cuda())\n"
            "        loss.backward()\n        opt.step()\n"
            "    torch.save(model.state_dict(), f'ckpt_{epoch}.pt')\n"
        },
        expect="training runs for 400 epochs (for epoch in tqdm(range(400)))",
        name="inline-epoch-loop",
        extra_negatives=(
            # a short loop
            {
                "train.py": "import torch\nmodel = Net().cuda()\nfor epoch in range(5):\n"
                "    for x, y in loader:\n        loss = crit(model(x), y)\n        loss.backward()\n"
            },
            # a loop over something else
            {
                "train.py": "import torch\nmodel = Net().cuda()\nfor step in range(400):\n"
                "    loss = crit(model(x), y)\n    loss.backward()\n"
            },
        ),
    ),
    RuleCase(
        "GT503",
        {
            "sft.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:4\n"
            "accelerate launch --num_processes 1 --mixed_precision bf16 train.py\n",
            "train.py": "from accelerate import Accelerator\naccelerator = Accelerator()\n"
            "accelerator.backward(loss)\n",
        },
        {
            "sft.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:4\n"
            "accelerate launch --num_processes 4 --mixed_precision bf16 train.py\n",
            "train.py": "from accelerate import Accelerator\naccelerator = Accelerator()\n"
            "accelerator.backward(loss)\n",
        },
        expect="runs 'accelerate launch train.py' with one process (--num_processes=1): 3 GPUs sit idle",
        name="one-process",
        extra_negatives=(
            {
                "job.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:4\n#SBATCH --nodes=2\n"
                "torchrun --nnodes=2 --nproc_per_node=1 train.py\n",
                "train.py": "import torch.distributed as dist\ndist.init_process_group('nccl')\nloss.backward()\n",
            },
        ),
    ),
    RuleCase(
        "GT402",
        {
            "train.sh": 'accelerate launch --mixed_precision="no" train_lora.py --max_train_steps=15000\n',
            "train_lora.py": "import argparse\nimport torch\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--mixed_precision', type=str, default=None, choices=['no', 'fp16', 'bf16'])\n"
            "model = model.to('cuda')\naccelerator.backward(loss)\n",
        },
        {
            "train.sh": "accelerate launch --mixed_precision=fp16 train_lora.py --max_train_steps=15000\n",
            "train_lora.py": "import argparse\nimport torch\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--mixed_precision', type=str, default=None, choices=['no', 'fp16', 'bf16'])\n"
            "model = model.to('cuda')\naccelerator.backward(loss)\n",
        },
        expect="mixed precision is switched off (--mixed_precision no)",
        name="launched-off",
        extra_negatives=(
            # the option exists and no launch sets it: the user may switch it on
            {
                "train_lora.py": "import argparse\nimport torch\n"
                "parser = argparse.ArgumentParser()\n"
                "parser.add_argument('--mixed_precision', type=str, default=None)\n"
                "model = model.to('cuda')\naccelerator.backward(loss)\n",
            },
        ),
    ),
    RuleCase(
        "GT309",
        {
            "train.py": "import torch\ndevice = 'cuda'\ncompile = False\nmodel = GPT(conf).to(device)\n"
            "if compile:\n    model = torch.compile(model)\nloss.backward()\n",
        },
        {
            "train.py": "import torch\ndevice = 'cuda'\ncompile = False\nmodel = GPT(conf).to(device)\n"
            "if compile:\n    model = torch.compile(model)\nloss.backward()\n",
            "config/train_gpt2.py": "compile = True\nmax_iters = 600000\n",
        },
        expect="compile is off while the project trains on a GPU",
        name="guarded-compile",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "from ultralytics import YOLO\nmodel = YOLO('yolov8n.pt')\nmodel.train(data='coco8.yaml')\n"
        },
        {
            "predict.py": "from ultralytics import YOLO\n"
            "model = YOLO('runs/visdrone/yolov8x_1280/weights/last.pt')\nmodel.predict('img.jpg')\n",
            "hub.py": "import torch\n"
            "model = torch.hub.load('ultralytics/yolov5', 'custom', path='runs/train/exp/weights/best.pt')\n",
        },
        expect="YOLO('yolov8n.pt')",
        name="published-yolo-weights",
    ),
    RuleCase(
        "GT401",
        {"train.sh": "python train.py --img 640 --epochs 300 --half\n"},
        {
            "export.sh": "python val.py --weights best.pt --half\n"
            "python export.py --weights best.pt --include onnx engine --half\n"
        },
        expect="--half",
        name="inference-flags",
    ),
    RuleCase(
        "GT303",
        {
            "train.py": "import lightgbm as lgb\n"
            "booster = lgb.train(\n    params,\n    train_set,\n    num_boost_round=500,\n"
            "    valid_sets=[valid],\n    callbacks=[lgb.early_stopping(stopping_rounds=1000)],\n)\n"
        },
        {
            "train.py": "import lightgbm as lgb\n"
            "booster = lgb.train(\n    params,\n    train_set,\n    num_boost_round=5000,\n"
            "    valid_sets=[valid],\n    callbacks=[lgb.early_stopping(stopping_rounds=100)],\n)\n"
        },
        expect="early_stopping=1000 >= num_boost_round=500",
        name="native-boosting",
    ),
    RuleCase(
        "GT606",
        {
            "train_sbert.py": "from sentence_transformers import SentenceTransformer, losses\n"
            "model = SentenceTransformer('all-MiniLM-L6-v2')\n"
            "model.fit(train_objectives=[(loader, loss)], epochs=20, checkpoint_path='ckpt', checkpoint_save_steps=2000)\n",
        },
        {
            "train_sbert.py": "from sentence_transformers import SentenceTransformer, losses\n"
            "model = SentenceTransformer('all-MiniLM-L6-v2')\n"
            "model.fit(train_objectives=[(loader, loss)], epochs=20, checkpoint_path='ckpt', checkpoint_save_steps=2000)\n",
            "track.py": "from codecarbon import EmissionsTracker\ntracker = EmissionsTracker()\n",
        },
        expect="train_sbert.py",
        name="sentence-transformers",
    ),
    RuleCase(
        "GT404",
        {
            "train_sbert.py": "from sentence_transformers import SentenceTransformer, losses\n"
            "model = SentenceTransformer('all-MiniLM-L6-v2')\n"
            "model.fit(train_objectives=[(loader, loss)], epochs=20, checkpoint_path='ckpt', checkpoint_save_steps=2000)\n",
        },
        {
            "train_sbert.py": "from sentence_transformers import SentenceTransformer, losses\n"
            "model = SentenceTransformer('all-MiniLM-L6-v2')\n"
            "model.fit(train_objectives=[(loader, loss)], epochs=20)\n",
        },
        expect="checkpoint_save_steps=2000",
        name="sentence-transformers",
    ),
    RuleCase(
        "GT303",
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=100 imgsz=1280 device=0 amp=False save=False\n",
        },
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=300 patience=30 imgsz=1280 device=0 amp=True save=True\n",
        },
        expect="patience 100 >= max epochs 100 (patience=100; epochs=100)",
        name="yolo-cli",
    ),
    RuleCase(
        "GT405",
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=100 imgsz=1280 device=0 amp=False save=False\n",
        },
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=30 imgsz=1280 device=0 amp=True save=True\n",
        },
        expect="yolo.train(save=False) switches checkpoints off on a long run (epochs=100)",
        name="yolo-cli",
    ),
    RuleCase(
        "GT402",
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=100 imgsz=1280 device=0 amp=False save=False\n",
        },
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=30 imgsz=1280 device=0 amp=True save=True\n",
        },
        expect="mixed precision is switched off (amp=False) while the project trains on a GPU (yolo.train(device=0))",
        name="yolo-cli",
    ),
    RuleCase(
        "GT606",
        {
            "train.sh": "yolo detect train data=data/visdrone.yaml model=yolov8x.pt epochs=100 patience=100 imgsz=1280 device=0 amp=False save=False\n",
        },
        {
            "train.sh": "yolo detect predict model=runs/detect/train/weights/best.pt source=images/\n"
        },
        expect="train.sh",
        name="yolo-cli",
    ),
    RuleCase(
        "GT313",
        {
            "distill.py": "import torch.nn.functional as F\n"
            "teacher = AutoModel.from_pretrained('checkpoints/bert-base-sst2')\n"
            "student = BertModel(small_config)\n"
            "loss = F.mse_loss(proj(student(x).hidden_states[2]), teacher(x).hidden_states[6])\n"
        },
        {
            "seq2seq.py": "import torch.nn.functional as F\n"
            "teacher_forcing_ratio = 0.5\nstudent_id = 3\n"
            "loss = F.mse_loss(decoder(x), y)\n"
        },
        expect="mse_loss of a student against a teacher",
        name="feature-matching",
    ),
    RuleCase(
        "GT606",
        {
            "run_sft.sh": "FORCE_TORCHRUN=1 llamafactory-cli train examples/llama3_full_sft.yaml\n",
            "train.sh": "accelerate launch -m axolotl.cli.train examples/qlora.yml\n",
        },
        {
            "export.sh": "llamafactory-cli export examples/merge_lora.yaml\n"
            "python -m axolotl.cli.merge_lora examples/qlora.yml\n",
        },
        expect="the project trains models (run_sft.sh)",
        name="recipe-trainers",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import timm\nmodel = timm.create_model(args.model, pretrained=args.pretrained, num_classes=10)\nloss.backward()\n",
            "train.sh": "./distributed_train.sh 8 --model resnet50 --pretrained --epochs 30\n",
        },
        {
            "train.py": "import timm\nmodel = timm.create_model(args.model, pretrained=args.pretrained, num_classes=10)\nloss.backward()\n",
            "train.sh": "./distributed_train.sh 8 --model resnet50 --epochs 300\n",
        },
        expect="create_model(--pretrained)",
        name="pretrained-at-launch",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34, metrics=error_rate)\nlearn.fine_tune(4)\n"
        },
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34, metrics=error_rate)\n"
        },
        expect="the project trains models (train.py)",
        name="fastai",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34)\nlearn.fine_tune(4)\n"
        },
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34, pretrained=False)\nlearn.fit_one_cycle(40)\n"
        },
        expect="vision_learner (pre-trained by default)",
        name="fastai",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34).to_fp16()\nlearn.fine_tune(4)\n"
        },
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34)\nlearn.fine_tune(4)\n"
        },
        expect="to_fp16()",
        name="fastai",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34)\nlearn.fit_one_cycle(20, cbs=SaveModelCallback(every_epoch=True))\n"
        },
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = vision_learner(dls, resnet34)\nlearn.fit_one_cycle(20)\nlearn.save('final')\n"
        },
        expect="SaveModelCallback",
        name="fastai",
    ),
    RuleCase(
        "GT303",
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = tabular_learner(dls)\nlearn.fit_one_cycle(\n    8,\n    1e-2,\n"
            "    cbs=[EarlyStoppingCallback(monitor='valid_loss', patience=10)],\n)\n"
        },
        {
            "train.py": "from fastai.vision.all import *\ndls = ImageDataLoaders.from_folder(path)\n"
            "learn = tabular_learner(dls)\nlearn.fit_one_cycle(\n    30,\n    1e-2,\n"
            "    cbs=[EarlyStoppingCallback(monitor='valid_loss', patience=3)],\n)\n"
        },
        expect="patience 10 >= max epochs 8 (EarlyStoppingCallback(patience=10); fit_one_cycle(8))",
        name="fastai",
    ),
    RuleCase(
        "GT605",
        {"run.sh": "perf stat -e power/energy-pkg/,power/energy-ram/ python train.py\n"},
        {"run.sh": "perf stat -e cycles,instructions python train.py\n"},
        expect="perf stat RAPL energy events",
        name="perf-rapl",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "import torch\nPATIENCE = 3\nbad = 0\nfor epoch in range(100):\n"
            "    loss.backward()\n    if val_loss < best:\n        best, bad = val_loss, 0\n"
            "    else:\n        bad += 1\n        if bad >= PATIENCE:\n            break\n"
        },
        {
            "train.py": "import torch\nPATIENCE = 3\n"
            "scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, patience=PATIENCE)\n"
            "for epoch in range(100):\n    loss.backward()\n    scheduler.step(val_loss)\n"
        },
        expect="PATIENCE = 3 (hand-written)",
        name="hand-written",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": "import lightning as L\nfabric = L.Fabric(accelerator='cuda')\n"
            "for batch in loader:\n    loss = model(batch)\n    fabric.backward(loss)\n"
        },
        {
            "train.py": "import lightning as L\nfabric = L.Fabric(accelerator='cuda')\n"
            "for batch in loader:\n    loss = model(batch)\n    fabric.backward(loss)\n",
            "energy.py": "from codecarbon import track_emissions\n",
        },
        expect="the project trains models (train.py)",
        name="fabric",
    ),
    RuleCase(
        "GT405",
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n"
            "cfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/segformer_160k.py": "train_cfg = dict(type='IterBasedTrainLoop', max_iters=160000, val_interval=16000)\n"
            "default_hooks = dict(checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=-1, save_last=False))\n",
        },
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n"
            "cfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/segformer_160k.py": "train_cfg = dict(type='IterBasedTrainLoop', max_iters=160000, val_interval=16000)\n"
            "default_hooks = dict(checkpoint=dict(type='CheckpointHook', by_epoch=False, interval=16000))\n",
        },
        expect="default_hooks.checkpoint.interval = -1 switches checkpoints off on a long run (max_iters=160000)",
        name="openmmlab",
    ),
    RuleCase(
        "GT404",
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n"
            "cfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/runtime.py": "checkpoint_config = dict(interval=1, max_keep_ckpts=3)\n",
        },
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n"
            "cfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/runtime.py": "log_config = dict(interval=50)\n",
        },
        expect="checkpoint_config.interval = 1",
        name="openmmlab",
    ),
    RuleCase(
        "GT401",
        {
            "configs/amp.py": "optim_wrapper = dict(type='AmpOptimWrapper', optimizer=dict(type='AdamW', lr=1e-4))\n"
        },
        {
            "configs/fp32.py": "optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='AdamW', lr=1e-4))\n"
        },
        expect="optim_wrapper: AmpOptimWrapper",
        name="openmmlab",
    ),
    RuleCase(
        "GT311",
        {
            "configs/faster_rcnn.yaml": "MODEL:\n  WEIGHTS: detectron2://ImageNetPretrained/MSRA/R-50.pkl\n"
            "SOLVER:\n  CHECKPOINT_PERIOD: 5000\n",
            "configs/mm.py": "model = dict(backbone=dict(init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50')))\n",
        },
        {
            "configs/faster_rcnn.yaml": "MODEL:\n  WEIGHTS: ''\nSOLVER:\n  CHECKPOINT_PERIOD: 5000\n",
            "configs/mm.py": "model = dict(backbone=dict(init_cfg=None))\nload_from = None\n",
        },
        expect="MODEL.WEIGHTS: detectron2://ImageNetPretrained/MSRA/R-50.pkl",
        name="detectron2-openmmlab",
    ),
    RuleCase(
        "GT606",
        {
            "train_net.py": "from detectron2.engine import DefaultTrainer\n"
            "trainer = DefaultTrainer(cfg)\ntrainer.resume_or_load(resume=args.resume)\ntrainer.train()\n"
        },
        {
            "evaluate.py": "from detectron2.engine import DefaultPredictor\n"
            "predictor = DefaultPredictor(cfg)\noutputs = predictor(image)\n"
        },
        expect="the project trains models (train_net.py)",
        name="detectron2",
    ),
    RuleCase(
        "GT304",
        {
            "train_spark.py": "from pyspark.ml.tuning import CrossValidator, ParamGridBuilder\n"
            "grid = (ParamGridBuilder()\n        .addGrid(gbt.maxDepth, [3, 5, 7, 9])\n"
            "        .addGrid(gbt.maxIter, [50, 100, 200])\n        .build())\n"
            "cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, numFolds=5)\n"
            "model = cv.fit(df)\n"
        },
        {
            "train_spark.py": "from pyspark.ml.tuning import CrossValidator, ParamGridBuilder\n"
            "grid = (ParamGridBuilder()\n        .addGrid(gbt.maxDepth, [3, 5])\n"
            "        .addGrid(gbt.maxIter, [50, 100])\n        .build())\n"
            "cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, numFolds=5)\n"
            "model = cv.fit(df)\n"
        },
        expect="Spark's ParamGridBuilder (CrossValidator) trains every combination (4 × 3 combinations × numFolds=5 = 60 trials)",
        name="spark",
    ),
    RuleCase(
        "GT505",
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --gpus=8\n"
            "srun torchrun --nproc_per_node=4 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "job.slurm": "#!/bin/bash\n#SBATCH --nodes=2\n#SBATCH --gpus=8\n#SBATCH --gpu-freq=low\n"
            "srun torchrun --nproc_per_node=4 train.py\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="jobs request 8 GPUs (#SBATCH --gpus=8)",
        name="gpus-per-job",
    ),
    RuleCase(  # an option off by default that no launch in the project switches on
        "GT402",
        {"train.py": AMP_BEHIND_OPTION, "run.sh": "python train.py --epochs 10\n"},
        {"train.py": AMP_BEHIND_OPTION, "run.sh": "python train.py --amp --epochs 10\n"},
        expect="off by default (--amp (default False), GradScaler behind --amp, autocast behind",
        name="off-by-default",
        extra_negatives=(
            {"train.py": AMP_BEHIND_OPTION.replace('"store_true"', '"store_false"')},
            {"train.py": AMP_BEHIND_OPTION, "run.sh": "python train.py --amp $AMP\n"},
        ),
    ),
    RuleCase(  # the same option, switched on at launch
        "GT401",
        {"train.py": AMP_BEHIND_OPTION, "run.sh": "python train.py --amp --epochs 10\n"},
        {"train.py": AMP_BEHIND_OPTION, "run.sh": "python train.py --epochs 10\n"},
        expect="autocast (--amp at launch)",
        name="option-at-launch",
    ),
    RuleCase(  # a scaler and autocast behind the same option that is off: not GT403's case
        "GT403",
        {
            "train.py": AMP_BEHIND_OPTION.replace(
                'with torch.autocast("cuda", enabled=args.amp):', "if True:"
            )
        },
        {"train.py": AMP_BEHIND_OPTION},
        expect="scales the loss",
        name="behind-option",
    ),
    RuleCase(  # segmentation_models_pytorch: ImageNet encoders unless encoder_weights=None
        "GT311",
        {
            "train.py": "import segmentation_models_pytorch as smp\nimport torch\n"
            "model = smp.Unet(encoder_name='resnet34', classes=3)\nloss.backward()\n"
        },
        {
            "train.py": "import segmentation_models_pytorch as smp\n"
            "model = smp.Unet(encoder_name='resnet34', encoder_weights=None, classes=3)\n"
            "loss = smp.losses.DiceLoss('multiclass')\n"
        },
        expect="Unet(pretrained weights)",
        name="segmentation-models",
        extra_negatives=(
            {
                "train.py": "import segmentation_models_pytorch as smp\n"
                "model = smp.FPN(encoder_weights=args.encoder_weights)\n"
            },
        ),
    ),
    RuleCase(
        "GT312",
        {
            "train.py": "import segmentation_models_pytorch as smp\nimport torch\n"
            "model = smp.Unet('resnet34', encoder_weights=None, classes=3)\n"
            "for x, y in loader:\n    loss = crit(model(x), y)\n    loss.backward()\n"
        },
        {
            "train.py": "import segmentation_models_pytorch as smp\nimport torch\n"
            "model = smp.Unet('resnet34', encoder_weights='imagenet', classes=3)\n"
            "for x, y in loader:\n    loss = crit(model(x), y)\n    loss.backward()\n"
        },
        expect="Unet is built without pre-trained weights",
        name="segmentation-models",
    ),
    RuleCase(  # a checkpoint interval longer than the run, on one launch command
        "GT405",
        {
            "train.sh": "accelerate launch train.py --max_train_steps=15000 "
            "--checkpointing_steps=100000\n",
            "train.py": "accelerator.backward(loss)\n",
        },
        {
            "train.sh": "accelerate launch train.py --max_train_steps=15000 "
            "--checkpointing_steps=5000\n",
            "train.py": "accelerator.backward(loss)\n",
        },
        expect="--checkpointing_steps=100000 is longer than the run (--max_train_steps=15000)",
        name="interval-past-the-run",
        extra_negatives=(
            {  # a short run: nothing much to lose
                "train.sh": "accelerate launch train.py --max_train_steps=800 "
                "--checkpointing_steps=1000\n",
                "train.py": "accelerator.backward(loss)\n",
            },
            {  # the interval and the run set in different places
                "a.sh": "accelerate launch train.py --max_train_steps=15000\n",
                "b.sh": "accelerate launch train.py --checkpointing_steps=100000\n",
                "train.py": "accelerator.backward(loss)\n",
            },
        ),
    ),
    RuleCase(  # detectron2 LazyConfig: module-level attribute assignments
        "GT405",
        {
            "configs/vitdet.py": "from ..common.train import train\n"
            "train.max_iter = 184375\ntrain.checkpointer.period = 200000\n"
        },
        {
            "configs/vitdet.py": "from ..common.train import train\n"
            "train.max_iter = 184375\ntrain.checkpointer.period = 5000\n"
        },
        expect="train.checkpointer.period=200000 is longer than the run (max_iter=184375)",
        name="lazyconfig-period",
    ),
    RuleCase(  # a config file with both settings
        "GT405",
        {"configs/sft.yaml": "max_steps: 20000\nsave_strategy: steps\nsave_steps: 50000\n"},
        {"configs/sft.yaml": "max_steps: 20000\nsave_strategy: steps\nsave_steps: 2000\n"},
        expect="save_steps=50000 is longer than the run (max_steps=20000)",
        name="config-interval-past-the-run",
    ),
    RuleCase(  # detectron2 LazyConfig switches AMP off; --num-gpus at launch is GPU evidence
        "GT402",
        {
            "configs/vitdet.py": "from ..common.train import train\ntrain.amp.enabled = False\n",
            "run.sh": "python lazyconfig_train_net.py --config-file configs/vitdet.py "
            "--num-gpus 8\n",
            "lazyconfig_train_net.py": "from detectron2.engine import AMPTrainer, SimpleTrainer\n"
            "trainer = SimpleTrainer(model, train_loader, optim)\ntrainer.train(0, 100)\n",
        },
        {
            "configs/vitdet.py": "from ..common.train import train\ntrain.amp.enabled = True\n",
            "run.sh": "python lazyconfig_train_net.py --config-file configs/vitdet.py "
            "--num-gpus 8\n",
            "lazyconfig_train_net.py": "from detectron2.engine import AMPTrainer, SimpleTrainer\n"
            "trainer = SimpleTrainer(model, train_loader, optim)\ntrainer.train(0, 100)\n",
        },
        expect="switched off (train.amp.enabled = False) while the project trains on a GPU "
        "(--num-gpus 8)",
        name="lazyconfig-amp",
    ),
    RuleCase(  # DeepSpeed "auto": the Hugging Face trainer's fp16/bf16 decide, not "off"
        "GT402",
        {
            "ds_config.json": '{"fp16": {"enabled": false}, "zero_optimization": {"stage": 2}}',
            "train.py": "import torch\nmodel = model.to('cuda')\nloss.backward()\n",
        },
        {
            "ds_config.json": '{"fp16": {"enabled": "auto"}, "zero_optimization": {"stage": 2}}',
            "train.py": "import torch\nmodel = model.to('cuda')\nloss.backward()\n",
        },
        expect="switched off (fp16.enabled: False)",
        name="deepspeed-auto",
    ),
    RuleCase(  # an interval the run never reaches is not a checkpoint (GT405 says why)
        "GT404",
        {"configs/sft.yaml": "max_steps: 20000\nsave_steps: 2000\n"},
        {"configs/sft.yaml": "max_steps: 20000\nsave_steps: 50000\n"},
        expect="save_steps=2000",
        name="interval-within-the-run",
    ),
    RuleCase(  # stable-baselines3's learn() trains (GT606 needs training first)
        "GT606",
        {
            "train_ppo.py": "from stable_baselines3 import PPO\n"
            "model = PPO('MlpPolicy', env, device='cuda')\n"
            "model.learn(total_timesteps=1_000_000)\n"
        },
        {
            "play.py": "from stable_baselines3 import PPO\n"
            "model = PPO.load('ppo.zip')\nobs = env.reset()\n"
            "action, _ = model.predict(obs)\n"
        },
        expect="the project trains models (train_ppo.py)",
        name="stable-baselines3",
        extra_negatives=({"school.py": "def learn(student):\n    return student\nbob.learn()\n"},),
    ),
    RuleCase(  # Keras Tuner's search() and AutoML fit() train models too
        "GT606",
        {
            "tune.py": "import keras_tuner as kt\n"
            "tuner = kt.GridSearch(build_model, objective='val_accuracy')\n"
            "tuner.search(x, y, epochs=5)\n",
        },
        {"search.py": "import re\nfound = re.search('a', text)\n"},
        expect="the project trains models (tune.py)",
        name="keras-tuner",
    ),
    RuleCase(
        "GT606",
        {
            "automl.py": "from flaml import AutoML\nautoml = AutoML()\n"
            "automl.fit(X, y, task='classification', time_budget=600)\n",
        },
        {"forecast.py": "from prophet import Prophet\nm = Prophet()\nm.fit(df)\n"},
        expect="the project trains models (automl.py)",
        name="automl",
    ),
    RuleCase(  # no mixed-precision option in stable-baselines3: not recommended there
        "GT402",
        {
            "train.py": "import torch\nmodel = Net().to('cuda')\n"
            "for x, y in loader:\n    loss = crit(model(x), y)\n    loss.backward()\n"
        },
        {
            "train.py": "from stable_baselines3 import DQN\n"
            "model = DQN('CnnPolicy', env, device='cuda')\n"
            "model.learn(total_timesteps=10_000_000)\n"
        },
        expect="trains on a GPU",
        name="not-for-rl",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "from stable_baselines3.common.callbacks import EvalCallback, "
            "StopTrainingOnNoModelImprovement\n"
            "stop = StopTrainingOnNoModelImprovement(max_no_improvement_evals=5)\n"
            "cb = EvalCallback(eval_env, callback_after_eval=stop)\n"
            "model.learn(total_timesteps=1_000_000, callback=cb)\n"
        },
        {
            "train.py": "from stable_baselines3.common.callbacks import EvalCallback\n"
            "cb = EvalCallback(eval_env)\nmodel.learn(total_timesteps=1_000_000, callback=cb)\n"
        },
        expect="StopTrainingOnNoModelImprovement",
        name="stable-baselines3",
    ),
    RuleCase(  # a non-ML project's settings: not training's early stopping
        "GT302",
        {
            "settings.yaml": "training:\n  early_stopping: true\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "settings.yaml": "rendering:\n  early_stopping: true\n",
            "app.py": "import flask\napp = flask.Flask(__name__)\n",
        },
        expect="early_stopping: True",
        name="config-needs-ml",
    ),
    RuleCase(  # LightningCLI: a stop that cannot fire is GT303's, not also applied
        "GT302",
        {
            "configs/cifar.yaml": "trainer:\n  max_epochs: 100\n  callbacks:\n"
            "    - class_path: lightning.pytorch.callbacks.EarlyStopping\n"
            "      init_args:\n        monitor: val_loss\n        patience: 10\n",
            "main.py": "from lightning.pytorch.cli import LightningCLI\nLightningCLI(Model)\n",
        },
        {
            "configs/cifar.yaml": "trainer:\n  max_epochs: 20\n  callbacks:\n"
            "    - class_path: lightning.pytorch.callbacks.EarlyStopping\n"
            "      init_args:\n        monitor: val_loss\n        patience: 30\n",
            "main.py": "from lightning.pytorch.cli import LightningCLI\nLightningCLI(Model)\n",
        },
        expect="EarlyStopping (config)",
        name="lightning-cli-broken",
    ),
    RuleCase(
        "GT301",
        {
            "automl.py": "from autogluon.tabular import TabularPredictor\n"
            "predictor = TabularPredictor(label='y').fit(train, time_limit=3600)\n"
        },
        {
            "automl.py": "from autogluon.tabular import TabularPredictor\n"
            "predictor = TabularPredictor(label='y').fit(train)\n"
        },
        expect="fit(time_limit=3600)",
        name="automl-time-limit",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": "import equinox as eqx\n@eqx.filter_jit\ndef step(model, x):\n"
            "    return model(x)\n"
        },
        {"train.py": "import equinox as eqx\ndef step(model, x):\n    return model(x)\n"},
        expect="equinox.filter_jit",
        name="equinox",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "from monai.data import CacheDataset\n"
            "ds = CacheDataset(data=files, transform=tf, cache_rate=1.0)\n"
        },
        {"train.py": "from monai.data import Dataset\nds = Dataset(data=files, transform=tf)\n"},
        expect="monai CacheDataset",
        name="monai",
    ),
    RuleCase(  # save_checkpoint in machine-learning code, not a game's respawn point
        "GT404",
        {
            "train.py": "import torch\nfor epoch in range(10):\n    train_one_epoch()\n"
            "    save_checkpoint(model, epoch)\n"
        },
        {
            "selfplay.py": "import numpy as np\nfor episode in range(100):\n"
            "    save_checkpoint(env, state)\n"
        },
        expect="save_checkpoint",
        name="needs-ml-code",
    ),
    RuleCase(  # precision chosen at run time between a low and a full value
        "GT401",
        {
            "train.py": "import lightning as L\ntrainer = L.Trainer(\n    accelerator='gpu',\n"
            "    precision='32-true' if args.no_amp else 'bf16-mixed',\n)\ntrainer.fit(model)\n"
        },
        {
            "train.py": "import lightning as L\ntrainer = L.Trainer(\n    accelerator='gpu',\n"
            "    precision='64-true' if args.double else '32-true',\n)\ntrainer.fit(model)\n"
        },
        expect="Trainer(precision='bf16-mixed' chosen at run time)",
        name="run-time-choice",
        extra_negatives=(
            {  # the same choice, switched off by the only launch's environment
                "train.py": "import os\nimport lightning as L\n"
                "PRECISION = os.environ.get('PRECISION', 'bf16-mixed')\n"
                "trainer = L.Trainer(accelerator='gpu', precision=PRECISION)\ntrainer.fit(model)\n",
                "run.sh": "export PRECISION=32-true\npython train.py\n",
            },
        ),
    ),
    RuleCase(  # the environment variable's default, when no launch sets it
        "GT401",
        {
            "train.py": "import os\nimport lightning as L\n"
            "PRECISION = os.environ.get('PRECISION', 'bf16-mixed')\n"
            "trainer = L.Trainer(accelerator='gpu', precision=PRECISION)\ntrainer.fit(model)\n"
        },
        {
            "train.py": "import os\nimport lightning as L\n"
            "PRECISION = os.environ.get('PRECISION', '32-true')\n"
            "trainer = L.Trainer(accelerator='gpu', precision=PRECISION)\ntrainer.fit(model)\n"
        },
        expect="PRECISION = 'bf16-mixed' (chosen at run time)",
        name="environment-default",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import os\nimport lightning as L\n"
            "PRECISION = os.environ.get('PRECISION', 'bf16-mixed')\n"
            "trainer = L.Trainer(accelerator='gpu', precision=PRECISION)\ntrainer.fit(model)\n",
            "run.sh": "export PRECISION=32-true\npython train.py\n",
        },
        {
            "train.py": "import os\nimport lightning as L\n"
            "PRECISION = os.environ.get('PRECISION', 'bf16-mixed')\n"
            "trainer = L.Trainer(accelerator='gpu', precision=PRECISION)\ntrainer.fit(model)\n",
            "run.sh": "export PRECISION=bf16-mixed\npython train.py\n",
        },
        expect="switched off (PRECISION=32-true (environment))",
        name="environment",
    ),
    RuleCase(  # a Keras policy chosen by a conditional expression
        "GT401",
        {
            "train.py": "import tensorflow as tf\nfrom tensorflow.keras import mixed_precision\n"
            "name = 'mixed_bfloat16' if tf.config.list_physical_devices('GPU') else 'float32'\n"
            "mixed_precision.set_global_policy(name)\n"
        },
        {
            "train.py": "import tensorflow as tf\nfrom tensorflow.keras import mixed_precision\n"
            "name = 'float64' if args.double else 'float32'\n"
            "mixed_precision.set_global_policy(name)\n"
        },
        expect="keras mixed_precision policy (chosen at run time)",
        name="keras-policy-variable",
    ),
    RuleCase(  # the model a launch passes to a Hugging Face example script
        "GT203",
        {
            "scripts/train.sh": "python run_glue.py --model_name_or_path roberta-large "
            "--task_name mnli --do_train\n",
            "run_glue.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\n"
            "trainer.train()\n",
        },
        {
            "scripts/train.sh": "python run_glue.py --model_name_or_path roberta-base "
            "--task_name mnli --do_train\n",
            "run_glue.py": "from transformers import Trainer\ntrainer = Trainer(model=model)\n"
            "trainer.train()\n",
        },
        expect="loads 'roberta-large'",
        name="launch-flag",
    ),
    RuleCase(  # CPU builds installed through a requirements file
        "GT502",
        {
            "Dockerfile": "FROM nvidia/cuda:12.2.0-cudnn8-runtime-ubuntu22.04\n"
            "COPY requirements.txt /app/\nRUN pip3 install -r /app/requirements.txt\n",
            "requirements.txt": "tensorflow-cpu==2.15.0\npandas\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=5)\n",
        },
        {
            "Dockerfile": "FROM nvidia/cuda:12.2.0-cudnn8-runtime-ubuntu22.04\n"
            "COPY requirements.txt /app/\nRUN pip3 install -r /app/requirements.txt\n",
            "requirements.txt": "tensorflow[and-cuda]==2.15.0\npandas\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=5)\n",
        },
        expect="installs CPU-only builds (tensorflow-cpu)",
        name="requirements-file",
    ),
    RuleCase(  # a CUDA base image that installs CPU builds is no GPU to train on
        "GT402",
        {
            "Dockerfile": "FROM nvidia/cuda:12.2.0-cudnn8-runtime-ubuntu22.04\n"
            "RUN pip3 install -r requirements.txt\n",
            "requirements.txt": "tensorflow[and-cuda]==2.15.0\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=5)\n",
        },
        {
            "Dockerfile": "FROM nvidia/cuda:12.2.0-cudnn8-runtime-ubuntu22.04\n"
            "RUN pip3 install -r requirements.txt\n",
            "requirements.txt": "tensorflow-cpu==2.15.0\n",
            "train.py": "import tensorflow as tf\nmodel.fit(x, y, epochs=5)\n",
        },
        expect="trains on a GPU (FROM nvidia/cuda",
        name="cpu-builds-in-cuda-image",
    ),
    RuleCase(  # Prefect: a training flow served on a cron schedule
        "GT602",
        {
            "flows.py": "from prefect import flow\n@flow\ndef retrain():\n"
            "    model.fit(X, y)\nretrain.serve(name='nightly', cron='0 2 * * *')\n"
        },
        {
            "flows.py": "from prefect import flow\n@flow\ndef report():\n"
            "    send_email()\nreport.serve(name='nightly', cron='0 2 * * *')\n"
        },
        expect="a scheduled flow (retrain: serve(cron='0 2 * * *'))",
        name="prefect-serve",
    ),
    RuleCase(  # a prefect.yaml deployment of a training flow, with a schedule
        "GT602",
        {
            "prefect.yaml": "deployments:\n  - name: nightly\n    entrypoint: flows.py:retrain\n"
            "    schedule:\n      cron: '0 2 * * *'\n",
            "flows.py": "from prefect import flow\n@flow\ndef retrain():\n    pass\n",
        },
        {
            "prefect.yaml": "deployments:\n  - name: nightly\n    entrypoint: flows.py:report\n"
            "    schedule:\n      cron: '0 2 * * *'\n",
            "flows.py": "from prefect import flow\n@flow\ndef report():\n    pass\n",
        },
        expect="a Prefect deployment (retrain, cron '0 2 * * *')",
        name="prefect-yaml",
    ),
    RuleCase(  # Dagster: a schedule of a training job
        "GT602",
        {
            "schedules.py": "from dagster import ScheduleDefinition\n"
            "nightly = ScheduleDefinition(job=train_job, cron_schedule='0 3 * * *')\n"
        },
        {
            "schedules.py": "from dagster import ScheduleDefinition\n"
            "nightly = ScheduleDefinition(job=export_job, cron_schedule='0 3 * * *')\n"
        },
        expect="a scheduled flow (train_job: ScheduleDefinition(cron_schedule='0 3 * * *'))",
        name="dagster",
    ),
    RuleCase(  # a multi-GPU launch outside a scheduler
        "GT505",
        {
            "launch.sh": "deepspeed --num_gpus 8 pretrain.py --deepspeed_config ds.json\n",
            "pretrain.py": "import deepspeed\nengine.backward(loss)\n",
        },
        {
            "launch.sh": "deepspeed --num_gpus 1 pretrain.py --deepspeed_config ds.json\n",
            "pretrain.py": "import deepspeed\nengine.backward(loss)\n",
        },
        expect="jobs request 8 GPUs (deepspeed --num_gpus 8 pretrain.py",
        name="launcher",
        extra_negatives=(
            {  # capped
                "launch.sh": "nvidia-smi -pl 250\ntorchrun --nproc_per_node 8 train.py\n",
                "train.py": "import torch\nloss.backward()\n",
            },
        ),
    ),
    RuleCase(  # a long stable-baselines3 run with no CheckpointCallback
        "GT406",
        {
            "train_atari.py": "from stable_baselines3 import DQN\n"
            "model = DQN('CnnPolicy', env)\nmodel.learn(total_timesteps=50_000_000)\n"
        },
        {
            "train_atari.py": "from stable_baselines3 import DQN\n"
            "from stable_baselines3.common.callbacks import CheckpointCallback\n"
            "cb = CheckpointCallback(save_freq=100_000, save_path='ckpt/')\n"
            "model = DQN('CnnPolicy', env)\nmodel.learn(total_timesteps=50_000_000, callback=cb)\n"
        },
        expect="model.learn(total_timesteps=50,000,000) trains for hours",
        name="stable-baselines3",
        extra_negatives=(
            {
                "train_cartpole.py": "from stable_baselines3 import PPO\n"
                "model = PPO('MlpPolicy', env)\nmodel.learn(total_timesteps=100_000)\n"
            },
        ),
    ),
    RuleCase(  # srun wrapping a distributed launcher: not idle GPUs
        "GT503",
        {
            "job.sbatch": "#SBATCH --gres=gpu:8\nsrun python pretrain_gpt.py --epochs 3\n",
            "pretrain_gpt.py": "import torch\nloss.backward()\n",
        },
        {
            "job.sbatch": "#SBATCH --gres=gpu:8\nsrun torchrun --nproc_per_node 8 "
            "pretrain_gpt.py --epochs 3\n",
            "pretrain_gpt.py": "import torch\nloss.backward()\n",
        },
        expect="7 GPUs sit idle",
        name="srun-torchrun",
        extra_negatives=(
            {  # fairseq-train spreads over every visible GPU itself
                "job.sbatch": "#SBATCH --gres=gpu:8\nfairseq-train data-bin --arch transformer\n",
            },
        ),
    ),
    RuleCase(  # the pytorch/examples device idiom is GPU evidence
        "GT402",
        {
            "main.py": "import torch\ndevice = torch.device('cuda' if args.cuda else 'cpu')\n"
            "model = Net().to(device)\nfor x, y in loader:\n    loss = crit(model(x), y)\n"
            "    loss.backward()\n"
        },
        {
            "main.py": "import torch\ndevice = torch.device('cpu')\n"
            "model = Net().to(device)\nfor x, y in loader:\n    loss = crit(model(x), y)\n"
            "    loss.backward()\n"
        },
        expect="trains on a GPU (torch.device('cuda' if ... else 'cpu'))",
        name="device-choice",
    ),
    RuleCase(
        "GT402",
        {
            "main.py": "import torch\ndevice = torch.accelerator.current_accelerator()\n"
            "model = Net().to(device)\nloss.backward()\n"
        },
        {"main.py": "import torch\nmodel = Net()\nloss.backward()\n"},
        expect="torch.accelerator.current_accelerator()",
        name="torch-accelerator",
    ),
    RuleCase(  # NeMo: exp_manager writes the checkpoints the Trainer's switch leaves off
        "GT405",
        {
            "conf/gpt.yaml": "trainer:\n  max_steps: 300000\n  enable_checkpointing: False\n"
            "exp_manager:\n  create_checkpoint_callback: False\n",
        },
        {
            "conf/gpt.yaml": "trainer:\n  max_steps: 300000\n  enable_checkpointing: False\n"
            "exp_manager:\n  create_checkpoint_callback: True\n"
            "  checkpoint_callback_params:\n    save_top_k: 3\n",
        },
        expect="enable_checkpointing=False switches checkpoints off",
        name="nemo-exp-manager",
    ),
    RuleCase(
        "GT404",
        {
            "conf/gpt.yaml": "trainer:\n  enable_checkpointing: False\n"
            "exp_manager:\n  create_checkpoint_callback: True\n",
        },
        {
            "conf/gpt.yaml": "trainer:\n  enable_checkpointing: False\n"
            "exp_manager:\n  create_checkpoint_callback: False\n",
        },
        expect="exp_manager.create_checkpoint_callback: True",
        name="nemo-exp-manager",
    ),
    RuleCase(  # patience and epochs on one command line
        "GT303",
        {"train.slurm": "fairseq-train data-bin --max-epoch 20 --patience 30\n"},
        {"train.slurm": "fairseq-train data-bin --max-epoch 40 --patience 5\n"},
        expect="patience 30 >= max epochs 20 (--patience 30; --max-epoch 20)",
        name="launch-flags",
    ),
    RuleCase(  # fairseq-train is a training run; --no-save switches checkpoints off
        "GT405",
        {"train.slurm": "#SBATCH --time=72:00:00\nfairseq-train data-bin --no-save\n"},
        {"train.slurm": "#SBATCH --time=72:00:00\nfairseq-train data-bin --save-interval 1\n"},
        expect="--no-save switches checkpoints off on a long run (a 72 h job)",
        name="fairseq",
    ),
    RuleCase(  # a batch loop (int(1e5) folded) is iterations, not epochs
        "GT406",
        {
            "train.py": "import torch\nNUM_BATCHES = int(1e5)\nfor i in range(NUM_BATCHES):\n"
            "    model.train()\n    loss = model(next(loader))\n    loss.backward()\n"
        },
        {
            "train.py": "import torch\nNUM_BATCHES = int(1e5)\nfor i in range(NUM_BATCHES):\n"
            "    model.train()\n    loss = model(next(loader))\n    loss.backward()\n"
            "    if i % 1000 == 0:\n        torch.save(model.state_dict(), f'ckpt_{i}.pt')\n"
        },
        expect="training runs for 100000 iterations (a loop of 100000 around model.train())",
        name="batch-loop",
    ),
    RuleCase(  # a step budget set at launch (llm.c, nanoGPT)
        "GT406",
        {
            "run.sh": "torchrun --nproc_per_node=8 train_gpt2.py --num_iterations 18865\n",
            "train_gpt2.py": "import torch\nfor step in range(args.num_iterations):\n"
            "    loss = model(x, y)\n    loss.backward()\n",
        },
        {
            "run.sh": "torchrun --nproc_per_node=8 train_gpt2.py --num_iterations 500\n",
            "train_gpt2.py": "import torch\nfor step in range(args.num_iterations):\n"
            "    loss = model(x, y)\n    loss.backward()\n",
        },
        expect="training runs for 18865 steps (--num_iterations 18865)",
        name="step-budget",
    ),
    RuleCase(  # PaddlePaddle: auto_cast is autocast, and its scaler is used with it
        "GT403",
        {
            "train.py": "import paddle\nscaler = paddle.amp.GradScaler(init_loss_scaling=1024)\n"
            "loss = model(x)\nscaler.scale(loss).backward()\n"
        },
        {
            "train.py": "import paddle\nscaler = paddle.amp.GradScaler(init_loss_scaling=1024)\n"
            "with paddle.amp.auto_cast(level='O1'):\n    loss = model(x)\n"
            "scaler.scale(loss).backward()\n"
        },
        expect="scales the loss",
        name="paddle",
    ),
    RuleCase(  # MXNet Gluon saves parameters every epoch
        "GT404",
        {
            "train.py": "import mxnet as mx\nfor epoch in range(100):\n"
            "    with mx.autograd.record():\n        loss = loss_fn(net(x), y)\n"
            "    loss.backward()\n    net.save_parameters(f'net-{epoch}.params')\n"
        },
        {
            "train.py": "import mxnet as mx\nfor epoch in range(100):\n"
            "    with mx.autograd.record():\n        loss = loss_fn(net(x), y)\n"
            "    loss.backward()\n"
        },
        expect="net.save_parameters() inside the training loop",
        name="mxnet",
    ),
    RuleCase(  # KerasCV / KerasNLP presets carry pre-trained weights
        "GT311",
        {
            "train.py": "import keras_cv\nmodel = keras_cv.models.ImageClassifier.from_preset("
            "'efficientnetv2_b0_imagenet', num_classes=10)\nmodel.fit(train_ds, epochs=5)\n"
        },
        {"train.py": "import keras_cv\nmodel = keras_cv.models.ImageClassifier(backbone)\n"},
        expect="ImageClassifier.from_preset",
        name="keras-preset",
    ),
    RuleCase(  # TF Model Garden experiments start from a checkpoint
        "GT311",
        {"experiments/resnet.yaml": "task:\n  init_checkpoint: 'gs://ckpts/resnet50/ckpt-1'\n"},
        {"experiments/resnet.yaml": "task:\n  init_checkpoint: ''\n"},
        expect="task.init_checkpoint = 'gs://ckpts/resnet50/ckpt-1'",
        name="init-checkpoint",
    ),
    RuleCase(  # KerasNLP's fit trains
        "GT606",
        {
            "classify.py": "import keras_nlp\nmodel = keras_nlp.models.BertClassifier.from_preset("
            "'bert_tiny_en_uncased', num_classes=2)\nmodel.fit(train_ds, epochs=1)\n"
        },
        {
            "classify.py": "import keras_nlp\nmodel = keras_nlp.models.BertClassifier.from_preset("
            "'bert_tiny_en_uncased', num_classes=2)\nmodel.predict(test_ds)\n"
        },
        expect="the project trains models (classify.py)",
        name="keras-nlp",
    ),
    RuleCase(
        "GT308",
        {"train.py": "import mxnet as mx\nnet = get_model()\nnet.hybridize()\n"},
        {"train.py": "import mxnet as mx\nnet = get_model()\n"},
        expect="gluon hybridize()",
        name="mxnet",
    ),
    RuleCase(  # MosaicML Composer: precision and duration strings
        "GT401",
        {"yamls/resnet50.yaml": "precision: amp_bf16\nmax_duration: 90ep\n"},
        {"yamls/resnet50.yaml": "precision: fp32\nmax_duration: 90ep\n"},
        expect="precision: amp_bf16",
        name="composer",
    ),
    RuleCase(
        "GT404",
        {"yamls/resnet50.yaml": "save_interval: 1ep\nsave_folder: ckpts\n"},
        {"yamls/resnet50.yaml": "save_folder: ckpts\n"},
        expect="save_interval=1ep",
        name="composer",
    ),
    RuleCase(  # one experiment fine-tunes; another trains from scratch: judged per file
        "GT312",
        {
            "exp1/train.py": "import torch, torchvision\n"
            "model = torchvision.models.resnet18(weights=None, num_classes=100)\n"
            "loss.backward()\n",
            "exp2/finetune.py": "import torch, torchvision\n"
            "model = torchvision.models.resnet18(weights='IMAGENET1K_V1')\nloss.backward()\n",
        },
        {
            "exp2/finetune.py": "import torch, torchvision\n"
            "model = torchvision.models.resnet18(weights='IMAGENET1K_V1')\n"
            "head = torchvision.models.resnet18(weights=None)\nloss.backward()\n",
        },
        expect="resnet18 is built without pre-trained weights",
        name="per-file",
    ),
    RuleCase(  # Megatron-style launch flags
        "GT407",
        {"pretrain.sh": "torchrun pretrain_gpt.py --recompute-activations --train-iters 5000\n"},
        {"pretrain.sh": "torchrun pretrain_gpt.py --train-iters 5000\n"},
        expect="--recompute_activations=True",
        name="megatron",
        extra_negatives=(),
    ),
    RuleCase(
        "GT404",
        {"pretrain.sh": "torchrun pretrain_gpt.py --save-interval 1000 --train-iters 50000\n"},
        {"pretrain.sh": "torchrun pretrain_gpt.py --train-iters 50000\n"},
        expect="--save-interval 1000",
        name="launch-interval",
    ),
    RuleCase(
        "GT407",
        {"config.yaml": "accum_count: [4]\nbatch_size: 4096\n"},
        {"config.yaml": "accum_count: [1]\nbatch_size: 4096\n"},
        expect="accum_count=[4]",
        name="opennmt",
    ),
    RuleCase(  # SageMaker managed spot training without a checkpoint location
        "GT406",
        {
            "launch.py": "import sagemaker\nfrom sagemaker.pytorch import PyTorch\n"
            "est = PyTorch(entry_point='train.py', instance_type='ml.g5.xlarge', "
            "use_spot_instances=True, max_wait=7200)\nest.fit()\n"
        },
        {
            "launch.py": "import sagemaker\nfrom sagemaker.pytorch import PyTorch\n"
            "est = PyTorch(entry_point='train.py', instance_type='ml.g5.xlarge', "
            "use_spot_instances=True, max_wait=7200, checkpoint_s3_uri='s3://b/ckpt')\n"
            "est.fit()\n"
        },
        expect="PyTorch(use_spot_instances=True) has no checkpoint_s3_uri",
        name="sagemaker-spot",
    ),
    RuleCase(  # a SageMaker GPU instance is GPU evidence
        "GT402",
        {
            "launch.py": "import sagemaker\nfrom sagemaker.pytorch import PyTorch\n"
            "est = PyTorch(entry_point='train.py', instance_type='ml.p3.2xlarge')\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "launch.py": "import sagemaker\nfrom sagemaker.pytorch import PyTorch\n"
            "est = PyTorch(entry_point='train.py', instance_type='ml.m5.xlarge')\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="trains on a GPU (PyTorch(instance_type='ml.p3.2xlarge'))",
        name="sagemaker-instance",
    ),
    RuleCase(  # fairseq-train's own early stop
        "GT302",
        {"train.sh": "fairseq-train data-bin --max-epoch 50 --patience 10\n"},
        {"train.sh": "fairseq-train data-bin --max-epoch 50\n"},
        expect="--patience 10",
        name="fairseq",
    ),
    RuleCase(  # Composer fits micro-batches to memory; LitGPT accumulates micro-batches
        "GT407",
        {"yamls/resnet50.yaml": "device_train_microbatch_size: auto\nprecision: amp_bf16\n"},
        {"yamls/resnet50.yaml": "device_train_microbatch_size: 32\nprecision: amp_bf16\n"},
        expect="device_train_microbatch_size: auto",
        name="composer",
    ),
    RuleCase(
        "GT407",
        {"config.yaml": "train:\n  global_batch_size: 8\n  micro_batch_size: 2\n"},
        {"config.yaml": "train:\n  global_batch_size: 8\n  micro_batch_size: 8\n"},
        expect="global_batch_size=8 in micro-batches of 2",
        name="micro-batches",
    ),
    RuleCase(  # a KerasNLP preset's size is in its name
        "GT202",
        {
            "classify.py": "import keras_nlp\nm = keras_nlp.models.BertClassifier.from_preset("
            "'bert_tiny_en_uncased', num_classes=2)\n"
        },
        {
            "classify.py": "import keras_nlp\nm = keras_nlp.models.BertClassifier.from_preset("
            "'bert_base_en_uncased', num_classes=2)\n"
        },
        expect="'bert_tiny_en_uncased'",
        name="keras-preset",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import paddle\nfrom paddle.vision.models import resnet50\n"
            "model = resnet50(pretrained=True, num_classes=10)\nloss.backward()\n"
        },
        {
            "train.py": "import paddle\nfrom paddle.vision.models import resnet50\n"
            "model = resnet50(num_classes=10)\n"
        },
        expect="resnet50(pretrained weights)",
        name="paddle",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "import lightning as L\n"
            "from lightning.pytorch.callbacks import EarlyStopping\n"
            "trainer = L.Trainer(max_epochs=cfg.trainer.max_epochs,\n"
            "    callbacks=[EarlyStopping(**cfg.callbacks.early_stopping)])\n",
            "conf/config.yaml": "trainer:\n  max_epochs: 50\ncallbacks:\n  early_stopping:\n    patience: 10\n",
        },
        {  # the callback unpacks the section whose patience covers the run: GT303's, not GT302's
            "train.py": "import lightning as L\n"
            "from lightning.pytorch.callbacks import EarlyStopping\n"
            "trainer = L.Trainer(max_epochs=cfg.trainer.max_epochs,\n"
            "    callbacks=[EarlyStopping(**cfg.callbacks.early_stopping)])\n",
            "conf/config.yaml": "trainer:\n  max_epochs: 50\ncallbacks:\n  early_stopping:\n    patience: 60\n",
        },
        expect="EarlyStopping",
        name="unpacked-config-section",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import argparse\nimport torch\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--amp', action='store_true')\n"
            "args = parser.parse_args()\n"
            "with torch.autocast('cuda', enabled=args.amp):\n    loss = model(x)\n",
            "README.md": "## Training\n\n```bash\npython train.py --epochs 300 --amp\n```\n",
        },
        {
            "train.py": "import argparse\nimport torch\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--amp', action='store_true')\n"
            "args = parser.parse_args()\n"
            "with torch.autocast('cuda', enabled=args.amp):\n    loss = model(x)\n",
            "README.md": "## Training\n\n```bash\npython train.py --epochs 300\n```\n"
            "```text\npython train.py --amp\n```\n",
        },
        expect="--amp at launch",
        name="readme-launch",
    ),
    RuleCase(
        "GT306",
        {
            "README.md": "## Sweep\n\n```bash\nfor lr in 1e-3 1e-4; do for s in 1 2 3; do python train.py --lr $lr --seed $s; done; done\n```\n",
            "train.py": "import torch\nfor epoch in range(100):\n    loss = model(x)\n    loss.backward()\n",
        },
        {  # a tutorial's loop over a train.py this repository does not have
            "README.md": "## Sweep\n\n```bash\nfor lr in 1e-3 1e-4; do for s in 1 2 3; do python train.py --lr $lr --seed $s; done; done\n```\n",
            "notes.py": "import torch\n",
        },
        expect="6 full training runs",
        name="readme-loop",
    ),
    RuleCase(
        "GT314",
        {"tune.py": OPTUNA_TORCH_STUDY},
        {"tune.py": OPTUNA_TORCH_STUDY.replace("    return evaluate(model)", OPTUNA_REPORTS)},
        expect="study.optimize(objective, n_trials=100) trains every trial to the end",
        extra_negatives=(
            {  # a framework's pruning callback reports for the objective
                "tune.py": OPTUNA_TORCH_STUDY.replace(
                    "    return evaluate(model)",
                    "    cb = optuna.integration.PyTorchLightningPruningCallback(trial, 'val_acc')\n"
                    "    return evaluate(model)",
                )
            },
            {  # a scikit-learn objective fits once: nothing to report part-way
                "tune.py": "import optuna\nfrom sklearn.svm import SVC\n"
                "def objective(trial):\n"
                "    return cross_val_score(SVC(C=trial.suggest_float('C', 1e-3, 1e3)), X, y).mean()\n"
                "study = optuna.create_study()\nstudy.optimize(objective, n_trials=100)\n"
            },
            {"tune.py": OPTUNA_TORCH_STUDY.replace("n_trials=100", "n_trials=5")},
        ),
    ),
    RuleCase(
        "GT314",
        {
            "tune.py": "import torch\nfrom ray import tune\n"
            "tune.run(train_fn, config={'lr': tune.loguniform(1e-4, 1e-1)}, num_samples=50)\n"
        },
        {
            "tune.py": "import torch\nfrom ray import tune\nfrom ray.tune.schedulers import ASHAScheduler\n"
            "tune.run(train_fn, config={'lr': tune.loguniform(1e-4, 1e-1)}, num_samples=50,\n"
            "         scheduler=ASHAScheduler(metric='loss', mode='min'))\n"
        },
        expect="no trial scheduler",
        name="ray",
    ),
    RuleCase(
        "GT301",
        {
            "tune.py": OPTUNA_TORCH_STUDY.replace("n_trials=100", "timeout=None").replace(
                "    return evaluate(model)", OPTUNA_REPORTS
            )
        },
        {"tune.py": OPTUNA_TORCH_STUDY.replace("n_trials=100", "timeout=None")},
        expect="MedianPruner",
        name="pruner-that-is-reported-to",
    ),
    RuleCase(
        "GT314",
        {"tune.py": OPTUNA_TORCH_STUDY},
        {  # each trial already stops at its best epoch
            "tune.py": OPTUNA_TORCH_STUDY.replace(
                "    return evaluate(model)",
                "        if stopper.step(evaluate(model)):\n            break\n    return evaluate(model)",
            ).replace(
                "for epoch in range(50):",
                "stopper = EarlyStopping(patience=5)\n    for epoch in range(50):",
            )
        },
        name="trials-stop-early",
    ),
    RuleCase(
        "GT406",
        {"train.py": NO_TRAINER_SCRIPT},
        {
            "train.py": NO_TRAINER_SCRIPT,
            "run.sh": "accelerate launch train.py --checkpointing_steps epoch\n",
        },
        expect="save_state runs only behind --checkpointing_steps, default None",
        name="save-behind-unpassed-option",
        extra_negatives=(  # the save runs unless the option switches it off
            {
                "train.py": NO_TRAINER_SCRIPT.replace(
                    'if args.checkpointing_steps == "epoch":', "if not args.checkpointing_steps:"
                )
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "train.py": NO_TRAINER_SCRIPT,
            "run.sh": "accelerate launch train.py --checkpointing_steps epoch\n",
        },
        {"train.py": NO_TRAINER_SCRIPT},
        expect="save_state",
        name="save-behind-passed-option",
    ),
    RuleCase(
        "GT402",
        {"train.py": AMP_BEHIND_IF},
        {"train.py": AMP_BEHIND_IF, "run.sh": "python train.py --amp\n"},
        expect="autocast behind --amp",
        name="amp-behind-if",
        extra_negatives=(  # runs unless switched off: on by default
            {"train.py": AMP_BEHIND_IF.replace("if args.amp:", "if not args.amp:")},
        ),
    ),
    RuleCase(
        "GT401",
        {"train.py": AMP_BEHIND_IF, "run.sh": "python train.py --amp\n"},
        {"train.py": AMP_BEHIND_IF},
        expect="autocast",
        name="amp-behind-if-launched",
    ),
    RuleCase(
        "GT503",
        {"launch.py": SAGEMAKER_LAUNCH, "train.py": SINGLE_GPU_TRAIN},
        {
            "launch.py": SAGEMAKER_LAUNCH.replace(
                "    instance_count=1,",
                "    instance_count=1,\n    distribution={'torch_distributed': {'enabled': True}},",
            ),
            "train.py": SINGLE_GPU_TRAIN,
        },
        expect="requests 4 GPUs per machine (instance_type='ml.p3.8xlarge')",
        name="sagemaker",
        extra_negatives=(
            {
                "launch.py": SAGEMAKER_LAUNCH.replace("ml.p3.8xlarge", "ml.p3.2xlarge"),
                "train.py": SINGLE_GPU_TRAIN,
            },
        ),
    ),
    RuleCase(
        "GT505",
        {"flow.py": METAFLOW_FLOW},
        {"flow.py": METAFLOW_FLOW.replace("gpu=4", "gpu=1")},
        expect="jobs request 4 GPUs (@resources(gpu=4))",
        name="metaflow",
    ),
    RuleCase(
        "GT505",
        {
            "job.py": "from google.cloud import aiplatform\n"
            "job = aiplatform.CustomTrainingJob(display_name='t', script_path='train.py', container_uri=IMAGE)\n"
            "job.run(machine_type='n1-standard-16', accelerator_type='NVIDIA_TESLA_V100',\n"
            "        accelerator_count=4, replica_count=2)\n",
            "train.py": SINGLE_GPU_TRAIN,
        },
        {
            "job.py": "from google.cloud import aiplatform\n"
            "job = aiplatform.CustomTrainingJob(display_name='t', script_path='train.py', container_uri=IMAGE)\n"
            "job.run(machine_type='n1-standard-16', accelerator_type='NVIDIA_TESLA_V100',\n"
            "        accelerator_count=1)\n",
            "train.py": SINGLE_GPU_TRAIN,
        },
        expect="jobs request 8 GPUs (accelerator_count=4, replica_count=2)",
        name="vertex",
    ),
    RuleCase(
        "GT311",
        {
            "configs/lora.yaml": "model:\n  _component_: torchtune.models.llama3.llama3_8b\n"
            "checkpointer:\n  _component_: torchtune.training.FullModelMetaCheckpointer\n"
            "  checkpoint_dir: /tmp/Meta-Llama-3-8B/original/\n  output_dir: /tmp/out\n"
            "epochs: 1\ndtype: bf16\n",
        },
        {  # a checkpointer of the project's own: where it saves, not what it starts from
            "configs/lora.yaml": "model:\n  _component_: mylib.models.Net\n"
            "checkpointer:\n  _component_: mylib.Checkpointer\n"
            "  checkpoint_dir: /tmp/ckpts/\nepochs: 1\n",
        },
        expect="checkpointer.checkpoint_dir: /tmp/Meta-Llama-3-8B/original/",
        name="torchtune",
    ),
    RuleCase(
        "GT311",
        {
            "run.sh": "litgpt finetune_lora --checkpoint_dir checkpoints/meta-llama/Llama-2-7b-hf "
            "--out_dir out/lora\n"
        },
        {"run.sh": "python train.py --checkpoint_dir out/ckpts --epochs 10\n"},
        expect="--checkpoint_dir checkpoints/meta-llama/Llama-2-7b-hf",
        name="litgpt",
    ),
    RuleCase(
        "GT311",
        {"qlora.yml": "base_model: mistralai/Mistral-7B-v0.1\nload_in_4bit: true\nnum_epochs: 3\n"},
        {"model.yml": "base_model: resnet\nnum_epochs: 3\n"},
        expect="base_model: mistralai/Mistral-7B-v0.1",
        name="axolotl",
    ),
    RuleCase(
        "GT404",
        {
            "chargpt.py": "import torch\nfrom mingpt.trainer import Trainer\n"
            "def batch_end_callback(trainer):\n"
            "    if trainer.iter_num % 500 == 0:\n"
            "        torch.save(model.state_dict(), ckpt_path)\n"
            "trainer = Trainer(config.trainer, model, train_dataset)\n"
            "trainer.set_callback('on_batch_end', batch_end_callback)\ntrainer.run()\n"
        },
        {  # one save when training is over
            "chargpt.py": "import torch\nfrom mingpt.trainer import Trainer\n"
            "def finish(trainer):\n"
            "    if trainer.done:\n"
            "        torch.save(model.state_dict(), final_path)\n"
            "trainer = Trainer(config.trainer, model, train_dataset)\ntrainer.run()\n"
        },
        expect="torch.save() every N steps",
        name="periodic-callback",
    ),
    RuleCase(
        "GT207",
        {
            "configs/lora.yaml": "optimizer:\n  _component_: torch.optim.AdamW\n  fused: True\n  lr: 3e-4\n"
        },
        {
            "configs/lora.yaml": "optimizer:\n  _component_: torch.optim.AdamW\n  fused: False\n  lr: 3e-4\n"
        },
        expect="optimizer.fused: True",
        name="fused-optimizer-config",
        extra_negatives=({"configs/model.yaml": "layers:\n  fused: True\n"},),
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "from ludwig.api import LudwigModel\n"
            "model = LudwigModel(config='config.yaml')\nmodel.train(dataset='data.csv')\n",
            "config.yaml": "trainer:\n  epochs: 50\n",
        },
        {
            "train.py": "from ludwig.api import LudwigModel\n"
            "model = LudwigModel(config='config.yaml')\nmodel.train(dataset='data.csv')\n",
            "config.yaml": "trainer:\n  epochs: 50\n  skip_save_progress: true\n",
        },
        expect="Ludwig train (checkpoints every epoch by default)",
        name="ludwig",
    ),
    RuleCase(
        "GT101",
        {"config.yaml": "trainer:\n  epochs: 50\npreprocessing:\n  sample_ratio: 0.3\n"},
        {"config.yaml": "trainer:\n  epochs: 50\npreprocessing:\n  sample_ratio: 1.0\n"},
        expect="sample_ratio=0.3",
        name="ludwig-sample-ratio",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import lightning.pytorch as pl\nfrom omegaconf import OmegaConf\n"
            "cfg = OmegaConf.load('conf/config.yaml')\n"
            "trainer = pl.Trainer(**cfg.trainer)\ntrainer.fit(model)\n",
            "conf/config.yaml": "trainer:\n  devices: -1\n  accelerator: auto\n  strategy: ddp\n  precision: 32\n",
        },
        {
            "train.py": "import lightning.pytorch as pl\nfrom omegaconf import OmegaConf\n"
            "cfg = OmegaConf.load('conf/config.yaml')\n"
            "trainer = pl.Trainer(**cfg.trainer)\ntrainer.fit(model)\n",
            "conf/config.yaml": "trainer:\n  devices: 4\n  accelerator: cpu\n  strategy: ddp\n  precision: 32\n",
        },
        expect="trains on a GPU (trainer.strategy: ddp)",
        name="ddp-strategy",
    ),
    RuleCase(
        "GT309",
        {"configs/lora.yaml": TORCHTUNE_RECIPE},
        {"configs/lora.yaml": TORCHTUNE_RECIPE.replace("compile: False", "compile: True")},
        expect="compile is off while the project trains on a GPU",
        name="torchtune",
        extra_negatives=(  # a generation config: no optimizer, nothing trains
            {
                "configs/generate.yaml": TORCHTUNE_RECIPE.replace(
                    "optimizer:\n  _component_: torch.optim.AdamW\n  lr: 3e-4\n", ""
                )
            },
        ),
    ),
    RuleCase(
        "GT404",
        {"train.py": SPEECHBRAIN_TRAIN, "hparams/train.yaml": "number_of_epochs: 100\n"},
        {
            "train.py": SPEECHBRAIN_TRAIN.replace(
                '            self.checkpointer.save_and_keep_only(meta={"WER": stage_loss}, min_keys=["WER"])\n',
                "            print(stage_loss)\n",
            ),
            "hparams/train.yaml": "number_of_epochs: 100\n",
        },
        expect="save_and_keep_only",
        name="speechbrain",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": SPEECHBRAIN_TRAIN,
            "hparams/train.yaml": "whisper_hub: openai/whisper-small\nprecision: fp32\n",
            "README.md": "```bash\ntorchrun --nproc_per_node=4 train.py hparams/train.yaml\n```\n",
        },
        {
            "train.py": SPEECHBRAIN_TRAIN,
            "hparams/train.yaml": "whisper_hub: openai/whisper-small\nprecision: bf16\n",
            "README.md": "```bash\ntorchrun --nproc_per_node=4 train.py hparams/train.yaml\n```\n",
        },
        expect="trains on a GPU (torchrun --nproc_per_node 4)",
        name="speechbrain-torchrun",
    ),
    RuleCase(
        "GT309",
        LIGHTNING_HYDRA,
        {
            **LIGHTNING_HYDRA,
            "configs/model/mnist.yaml": "_target_: src.module.Module\ncompile: true\n",
        },
        expect="compile is off while the project trains on a GPU",
        name="lightning-hydra",
    ),
    RuleCase(
        "GT308",
        {
            **LIGHTNING_HYDRA,
            "configs/model/mnist.yaml": "_target_: src.module.Module\ncompile: true\n",
        },
        LIGHTNING_HYDRA,  # behind `if self.hparams.compile`, false in every config
        expect="torch.compile",
        name="behind-config-switch",
    ),
    RuleCase(
        "GT509",
        LIGHTNING_HYDRA,
        {
            **LIGHTNING_HYDRA,
            "configs/data/mnist.yaml": "_target_: src.datamodule.MNISTDataModule\nnum_workers: 8\n",
        },
        expect="num_workers from the setting num_workers (0 wherever it is set)",
        name="datamodule-config",
    ),
    RuleCase(
        "GT314",
        {
            **LIGHTNING_HYDRA,
            "configs/hparams_search/optuna.yaml": "hydra:\n  sweeper:\n"
            "    _target_: hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper\n"
            "    n_trials: 20\n",
        },
        {
            **LIGHTNING_HYDRA,
            "configs/hparams_search/grid.yaml": "hydra:\n  sweeper:\n"
            "    _target_: hydra._internal.core_plugins.basic_sweeper.BasicSweeper\n",
        },
        expect="the Hydra Optuna sweeper (20 trials) cannot prune",
        name="hydra-optuna-sweeper",
    ),
    RuleCase(
        "GT304",
        {
            "src/train.py": "import yaml\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\n"
            "params = yaml.safe_load(open('params.yaml'))\ncfg = params['train']\n"
            "search = GridSearchCV(SVC(), param_grid=cfg['param_grid'], cv=10)\nsearch.fit(X, y)\n",
            "params.yaml": "train:\n  param_grid:\n    C: [0.01, 0.1, 1, 10, 100]\n"
            "    gamma: [0.001, 0.01, 0.1, 1]\n    kernel: [rbf, sigmoid]\n",
        },
        {
            "src/train.py": "import yaml\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\n"
            "params = yaml.safe_load(open('params.yaml'))\ncfg = params['train']\n"
            "search = GridSearchCV(SVC(), param_grid=cfg['param_grid'], cv=10)\nsearch.fit(X, y)\n",
            "params.yaml": "train:\n  param_grid:\n    C: [1, 10]\n",
        },
        expect="40 candidates × 10 folds",
        name="grid-in-params-yaml",
    ),
    RuleCase(
        "GT304",
        {
            "search.py": "import yaml\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\n"
            "cfg = yaml.safe_load(open('configs/search.yaml'))\n"
            "gs = GridSearchCV(SVC(), cfg['param_grid'], cv=cfg['cv_folds'])\ngs.fit(X, y)\n",
            "configs/search.yaml": "cv_folds: 10\nparam_grid:\n  C: [0.1, 1, 10, 100, 1000]\n"
            "  gamma: [0.001, 0.01, 0.1, 1]\n",
        },
        {
            "search.py": "import yaml\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\n"
            "cfg = yaml.safe_load(open('configs/search.yaml'))\n"
            "gs = GridSearchCV(SVC(), cfg['param_grid'], cv=cfg['cv_folds'])\ngs.fit(X, y)\n",
            "configs/search.yaml": "cv_folds: 2\nparam_grid:\n  C: [1, 10]\n",
        },
        expect="20 candidates × 10 folds = 200 fits",
        name="folds-in-config",
    ),
    RuleCase(
        "GT307",
        {
            "blend.py": "import lightgbm as lgb\nfrom xgboost import XGBRegressor\n"
            "model = lgb.LGBMRegressor(n_estimators=10000)\n"
            "model.fit(X, y, eval_set=[(Xv, yv)], callbacks=[lgb.early_stopping(200)])\n"
            "xgb_params = {'n_estimators': 1500, 'learning_rate': 0.02, 'max_depth': 6}\n"
            "xgb = XGBRegressor(**xgb_params)\nxgb.fit(X, y)\n"
        },
        {
            "blend.py": "import lightgbm as lgb\nfrom xgboost import XGBRegressor\n"
            "model = lgb.LGBMRegressor(n_estimators=10000)\n"
            "model.fit(X, y, eval_set=[(Xv, yv)], callbacks=[lgb.early_stopping(200)])\n"
            "xgb_params = {'n_estimators': 1500, 'early_stopping_rounds': 100}\n"
            "xgb = XGBRegressor(**xgb_params)\nxgb.fit(X, y, eval_set=[(Xv, yv)])\n"
        },
        expect="XGBRegressor with n_estimators=1500 (from xgb_params)",
        name="params-dict-beside-lightgbm-stop",
        extra_negatives=(
            {  # the params come from elsewhere: unseen
                "blend.py": "from xgboost import XGBRegressor\n"
                "xgb = XGBRegressor(**load_params())\nxgb.fit(X, y)\n"
            },
        ),
    ),
    RuleCase(
        "GT509",
        {
            "train.py": DIFFUSERS_STYLE,
            "README.md": "```bash\naccelerate launch --multi_gpu train.py\n```\n",
        },
        {
            "train.py": DIFFUSERS_STYLE,
            "README.md": "```bash\naccelerate launch --multi_gpu train.py --dataloader_num_workers 8\n```\n",
        },
        expect="num_workers from --dataloader_num_workers (default 0)",
        name="option-default-zero",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": DIFFUSERS_STYLE,
            "README.md": "```bash\naccelerate launch train.py --max_train_samples 1000\n```\n",
        },
        {"train.py": DIFFUSERS_STYLE},  # behind an option off by default, never passed
        expect="dataset.select(range(...))",
        name="select-behind-option",
    ),
    RuleCase(
        "GT207",
        {
            "sft.py": "from transformers import AutoModelForCausalLM\n"
            "model = AutoModelForCausalLM.from_pretrained(name, attn_implementation='flash_attention_2' if args.use_flash_attention_2 else None)\n",
            "run.sh": "python sft.py --use_flash_attention_2\n",
        },
        {
            "sft.py": "from transformers import AutoModelForCausalLM\n"
            "model = AutoModelForCausalLM.from_pretrained(name, attn_implementation='flash_attention_2' if args.use_flash_attention_2 else None)\n",
            "run.sh": "python sft.py\n",
        },
        expect="--use_flash_attention_2",
        name="flash-attention-at-launch",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import argparse\nfrom pathlib import Path\nimport torch\nROOT = Path(__file__).parent\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--weights', type=str, default=ROOT / 'yolov5s.pt', help='initial weights path')\n"
            "opt = parser.parse_args()\nckpt = torch.load(opt.weights)\nloss.backward()\n"
        },
        {
            "train.py": "import argparse\nfrom pathlib import Path\nimport torch\nROOT = Path(__file__).parent\n"
            "parser = argparse.ArgumentParser()\n"
            "parser.add_argument('--weights', type=str, default=ROOT / 'yolov5s.pt', help='initial weights path')\n"
            "opt = parser.parse_args()\nckpt = torch.load(opt.weights)\n",
            "run.sh": "python train.py --weights '' --cfg yolov5s.yaml\n",
        },
        expect="--weights default yolov5s.pt",
        name="yolov5-weights-default",
        extra_negatives=(
            {  # MAE: a run's own checkpoint, resumed from a URL
                "misc.py": "import torch\n"
                "def load_model(args, model):\n"
                "    if args.resume.startswith('https'):\n"
                "        checkpoint = torch.hub.load_state_dict_from_url(args.resume, map_location='cpu')\n"
            },
        ),
    ),
    RuleCase(
        "GT302",
        {
            "configs/callbacks/early_stopping.yaml": HYDRA_STOPPER,
            "configs/callbacks/default.yaml": "defaults:\n  - early_stopping\n"
            "early_stopping:\n  patience: 4\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 10\n",
        },
        {
            "configs/callbacks/early_stopping.yaml": HYDRA_STOPPER,
            "configs/callbacks/default.yaml": "defaults:\n  - early_stopping\n"
            "early_stopping:\n  patience: 100\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.Trainer\nmax_epochs: 10\n",
        },
        expect="EarlyStopping (config)",
        name="hydra-group-overridden",
        extra_negatives=(
            {
                "configs/callbacks/early_stopping.yaml": HYDRA_STOPPER,
                "configs/experiment/long.yaml": "callbacks:\n  early_stopping:\n"
                "    patience: 50\ntrainer:\n  max_epochs: 20\n",
            },
        ),
    ),
    RuleCase(
        "GT505",
        {
            "submitit_train.py": SUBMITIT_LAUNCHER,
            "train.py": SINGLE_GPU_TRAIN,
            "PRETRAIN.md": "Run on 4 nodes:\n```\npython submitit_train.py --nodes 4 --epochs 800\n```\n",
        },
        {
            "submitit_train.py": SUBMITIT_LAUNCHER.replace("default=8", "default=1"),
            "train.py": SINGLE_GPU_TRAIN,
        },
        expect="jobs request 32 GPUs (submitit gpus_per_node=8, nodes=4)",
        name="submitit",
    ),
    RuleCase(
        "GT103",
        {"prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndf = df[~df.duplicated()]\n"},
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\n"
            "print('Duplicated rows:', df.duplicated().sum())\n"
            "n_dups = df.duplicated(subset=['id']).sum()\n"
        },
        expect="df.duplicated",
        name="mask-not-count",
    ),
    RuleCase(
        "GT606",
        {"automl.py": PYCARET_AUTOML},
        {"automl.py": PYCARET_AUTOML, "requirements.txt": "pycaret\ncodecarbon\n"},
        expect="automl.py",
        name="pycaret",
    ),
    RuleCase(
        "GT301",
        {"automl.py": PYCARET_AUTOML},
        {"automl.py": PYCARET_AUTOML.replace("tuned = tune_model(best, n_iter=50)\n", "")},
        expect="PyCaret tune_model(n_iter=50)",
        name="pycaret",
    ),
    RuleCase(
        "GT102",
        {"automl.py": PYCARET_AUTOML},
        {"automl.py": PYCARET_AUTOML.replace("data=train", "data=train.sample(frac=0.2)")},
        expect="tune_model runs about 250 fits",
        name="pycaret",
        extra_negatives=({"automl.py": PYCARET_AUTOML.replace("n_iter=50", "n_iter=8")},),
    ),
    RuleCase(
        "GT304",
        {
            "forecast.py": "from sktime.forecasting.model_selection import ForecastingGridSearchCV\n"
            "grid = {'window_length': [7, 14, 28, 56], 'estimator__max_depth': [3, 5, 7, 9],\n"
            "        'estimator__n_estimators': [200, 500, 1000]}\n"
            "gscv = ForecastingGridSearchCV(forecaster, cv=cv, param_grid=grid)\n"
            "gscv.fit(y_train)\n"
        },
        {
            "forecast.py": "from sktime.forecasting.model_selection import ForecastingGridSearchCV\n"
            "grid = {'window_length': [7, 14]}\n"
            "gscv = ForecastingGridSearchCV(forecaster, cv=cv, param_grid=grid)\n"
            "gscv.fit(y_train)\n"
        },
        expect="ForecastingGridSearchCV tries 48 candidates",
        name="sktime",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8n.pt').train(data='data.yaml', epochs=100, cache='ram')\n"
        },
        {
            "train.py": "from ultralytics import YOLO\n"
            "YOLO('yolov8n.pt').train(data='data.yaml', epochs=100, cache=False)\n"
        },
        expect="ultralytics cache=ram",
        name="ultralytics-cache",
    ),
    RuleCase(
        "GT205",
        {"infer.py": "out = cascade.predict(x, cascade_threshold=0.9)\n"},
        {
            "train.py": "tr = get_training_transforms(patch_size, is_cascaded=self.is_cascaded)\n"
            "model = build_cascade_rcnn(cfg)\n"
        },
        expect="cascade",
        name="cascade-threshold-only",
    ),
    RuleCase(
        "GT208",
        {
            "val.py": "import numpy as np\n"
            "def validate(keys):\n"
            "    data = load_case(keys[0])\n"
            "    for k in keys:\n"
            "        extra = load_case(k)\n"
            "        data = np.vstack((data, extra))\n"
        },
        {
            "val.py": "import numpy as np\n"
            "def validate(keys):\n"
            "    for k in keys:\n"
            "        data, seg = load_case(k)\n"
            "        if cascaded:\n"
            "            data = np.vstack((data, one_hot(seg)))\n"
            "        predict(data)\n"
        },
        expect="'data'",
        name="reloaded-each-iteration",
        extra_negatives=(
            {
                "test.py": "import numpy as np\n"
                "for epoch in range(10):\n"
                "    scores = []\n"
                "    for batch in loader:\n"
                "        scores.append(model(batch))\n"
                "    scores = np.concatenate(scores, axis=0)\n"
            },
        ),
    ),
    RuleCase(
        "GT308",
        {"export.py": ONNX_BEHIND_OPTION, "run.sh": "python export.py --save-onnx\n"},
        {"export.py": ONNX_BEHIND_OPTION},
        expect="torch.onnx",
        name="export-behind-off-option",
    ),
    RuleCase(
        "GT108",
        {
            "train.py": "import torch\nloss.backward()\n"
            "x = torch.tensor(features, dtype=torch.float64, device='cuda')\n"
        },
        {
            "train.py": "import torch\nloss.backward()\n",
            "utils.py": "import torch\n"
            "t = torch.tensor([self.count, self.total], dtype=torch.float64, device='cuda')\n"
            "dist.all_reduce(t)\n",
        },
        expect="tensor",
        name="metric-counters",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import torch\nmodel = torch.hub.load('pytorch/vision', 'resnet50', pretrained=True)\n"
            "loss.backward()\n"
        },
        {
            "train.py": "import torch\n"
            "model = torch.hub.load('facebookresearch/xcit:main', 'xcit_small', pretrained=False)\n"
        },
        expect="torch.hub.load",
        name="hub-not-pretrained",
    ),
    RuleCase(
        "GT407",
        {"conf/train_asr.yaml": "batch_type: numel\nmax_epoch: 70\naccum_grad: 4\nuse_amp: true\n"},
        {"conf/train_asr.yaml": "batch_type: numel\nmax_epoch: 70\naccum_grad: 1\nuse_amp: true\n"},
        expect="accum_grad=4",
        name="espnet",
        extra_negatives=(
            {"run.sh": "fairseq-train data-bin --arch transformer --update-freq 1\n"},
        ),
    ),
    RuleCase(
        "GT407",
        {"run.sh": "fairseq-train data-bin --arch transformer --update-freq 8 --fp16\n"},
        {"run.sh": "fairseq-train data-bin --arch transformer --fp16\n"},
        expect="--update_freq=8",
        name="fairseq-update-freq",
    ),
    RuleCase(
        "GT404",
        {"asr.sh": ESPNET_STAGE},
        {"asr.sh": ESPNET_STAGE.replace("espnet2.bin.asr_train", "espnet2.bin.asr_inference")},
        expect="ESPnet trainer",
        name="espnet",
    ),
    RuleCase(
        "GT606",
        {"asr.sh": ESPNET_STAGE},
        {
            "asr.sh": "python3 -m espnet2.bin.split_scps --scps data/train_dir/wav.scp"
            " --output_dir dump/train_split\n"
        },
        expect="asr.sh",
        name="library-recipe",
    ),
    RuleCase(
        "GT302",
        {"configs/config.cfg": SPACY_CONFIG, "project.yml": SPACY_PROJECT},
        {"configs/config.cfg": SPACY_CONFIG.replace("patience = 1600", "patience = 0")},
        expect="training.patience = 1600",
        name="spacy",
    ),
    RuleCase(
        "GT311",
        {"configs/config.cfg": SPACY_CONFIG},
        {"configs/config.cfg": SPACY_CONFIG.replace("TransformerModel.v3", "MultiHashEmbed.v2")},
        expect="components.transformer.model.name = 'roberta-base'",
        name="spacy",
    ),
    RuleCase(
        "GT407",
        {"configs/config.cfg": SPACY_CONFIG},
        {
            "configs/config.cfg": SPACY_CONFIG.replace(
                "accumulate_gradient = 3", "accumulate_gradient = 1"
            )
        },
        expect="accumulate_gradient=3",
        name="spacy",
    ),
    RuleCase(
        "GT606",
        {"configs/config.cfg": SPACY_CONFIG, "project.yml": SPACY_PROJECT},
        {
            "configs/config.cfg": SPACY_CONFIG,
            "project.yml": SPACY_PROJECT.replace("spacy train", "spacy evaluate"),
        },
        expect="project.yml",
        name="spacy-project",
    ),
    RuleCase(
        "GT303",
        {"configs/config.cfg": SPACY_CONFIG.replace("patience = 1600", "patience = 25000")},
        {"configs/config.cfg": SPACY_CONFIG},
        expect="patience 25000 >= max_steps 20000",
        name="spacy-steps",
        extra_negatives=(
            {"configs/config.cfg": SPACY_CONFIG.replace("max_steps = 20000", "max_steps = 0")},
        ),
    ),
    RuleCase(
        "GT404",
        {"configs/config.cfg": SPACY_CONFIG, "project.yml": SPACY_PROJECT},
        {"configs/config.cfg": SPACY_CONFIG},
        expect="spacy train",
        name="spacy",
    ),
    RuleCase(
        "GT203",
        {
            "configs/config.cfg": SPACY_CONFIG.replace("roberta-base", "roberta-large"),
            "project.yml": SPACY_PROJECT,
        },
        {"configs/config.cfg": SPACY_CONFIG, "project.yml": SPACY_PROJECT},
        expect="roberta-large",
        name="spacy",
    ),
    RuleCase(
        "GT406",
        {"ppo.py": CLEANRL_PPO},
        {"ppo.py": CLEANRL_PPO.replace("10000000", "100000")},
        expect="10,000,000 environment steps (Args.total_timesteps)",
        name="cleanrl",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "from transformers import Trainer, TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', save_strategy='steps', save_steps=500)\n"
            "trainer = Trainer(model=model, args=args, train_dataset=ds)\n"
            "trainer.train()\ntrainer.save_state()\n"
        },
        {
            "train.py": "from transformers import Trainer, TrainingArguments\n"
            "args = TrainingArguments(output_dir='out', save_strategy='no')\n"
            "trainer = Trainer(model=model, args=args, train_dataset=ds)\n"
            "trainer.train()\ntrainer.save_state()\n"
        },
        expect="save_strategy=steps",
        name="hf-save-state-is-not-a-checkpoint",
    ),
    RuleCase(
        "GT509",
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "train_loader = DataLoader(train_ds, batch_size=32, shuffle=True)\n"
            "test_loader = DataLoader(test_ds, batch_size=256)\n" + TORCH_TRAIN_GPU
        },
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "train_loader = DataLoader(train_ds, batch_size=32, shuffle=True, num_workers=8)\n"
            "test_loader = DataLoader(test_ds, batch_size=256)\n" + TORCH_TRAIN_GPU
        },
        expect="num_workers not set",
        name="eval-loaders-alone",
    ),
    RuleCase(
        "GT101",
        {"prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\ndev = df.sample(frac=0.1)\n"},
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('d.csv')\n"
            "val_dataframe = df.sample(frac=0.2, random_state=1337)\n"
            "train_dataframe = df.drop(val_dataframe.index)\n"
        },
        expect="frac=0.1",
        name="hold-out-split-is-not-sampling",
    ),
    RuleCase(
        "GT404",
        {"run_classifier.py": BERT_TF1_FLAGS},
        {
            "run_classifier.py": BERT_TF1_FLAGS.replace(
                '"save_checkpoints_steps", 1000', '"save_checkpoints_steps", 0'
            )
        },
        expect="save_checkpoints_steps=1000",
        name="tf-estimator",
    ),
    RuleCase(
        "GT311",
        {
            "run_classifier.py": BERT_TF1_FLAGS,
            "README.md": "```shell\npython run_classifier.py --do_train=true \\\n"
            "  --init_checkpoint=$BERT_BASE_DIR/bert_model.ckpt\n```\n",
        },
        {"run_classifier.py": BERT_TF1_FLAGS},
        expect="--init_checkpoint $...",
        name="bert-init-checkpoint",
    ),
    RuleCase(
        "GT408",
        {
            "train.py": "import torch\ndef train(model, loader):\n    losses = []\n"
            "    for x, y in loader:\n        loss = crit(model(x), y)\n"
            "        loss.backward()\n        losses.append(loss)\n"
        },
        {
            "train.py": "import torch\n"
            "def train_step(model, batches):\n    losses = []\n"
            "    for x, y in batches:  # the step's micro-batches\n"
            "        loss = crit(model(x), y) / len(batches)\n"
            "        loss.backward()\n        losses.append(loss)\n"
            "    return torch.stack(losses).sum()\n"
            "def evaluate(model, loader):\n    losses = []\n"
            "    with torch.no_grad():\n        for x, y in loader:\n"
            "            losses.append(crit(model(x), y))\n"
            "            loss = losses[-1]\n            losses.append(loss)\n"
        },
        expect="losses.append(loss)",
        name="micro-batches-and-evaluation",
    ),
    RuleCase(
        "GT407",
        {"configs/125M.yml": '{\n  "checkpoint-activations": true,\n  "train-iters": 320000\n}\n'},
        {"configs/125M.yml": '{\n  "checkpoint-activations": false,\n  "train-iters": 320000\n}\n'},
        expect="checkpoint_activations=True",
        name="neox-dashed-keys",
    ),
    RuleCase(
        "GT508",
        {"configs/125M.yml": '{\n  "data-impl": "mmap",\n  "train-iters": 320000\n}\n'},
        {"configs/125M.yml": '{\n  "data-impl": "cached",\n  "train-iters": 320000\n}\n'},
        expect="data-impl: mmap",
        name="megatron-mmap",
    ),
    RuleCase(
        "GT207",
        {
            "training.py": "import torch\n"
            "def get_optimizer(params):\n"
            "    from apex.optimizers import FusedAdam as Adam\n"
            "    return Adam(params, lr=1e-4)\n"
        },
        {
            "training.py": "import torch\n"
            "def get_optimizer(params):\n"
            "    from torch.optim import Adam\n"
            "    return Adam(params, lr=1e-4)\n"
        },
        expect="apex.optimizers.FusedAdam",
        name="fused-optimizer-alias",
    ),
    RuleCase(
        "GT309",
        {"train.py": TIMM_COMPILE_OPTION + TORCH_TRAIN_GPU},
        {
            "train.py": TIMM_COMPILE_OPTION + TORCH_TRAIN_GPU,
            "distributed_train.sh": "torchrun --nproc_per_node=8 train.py --torchcompile inductor\n",
        },
        expect="torchcompile is off",
        name="option-default-none",
    ),
    RuleCase(
        "GT308",
        {
            "src/training/params.py": "import argparse\nparser = argparse.ArgumentParser()\n"
            "parser.add_argument('--torchcompile', action='store_true', default=False)\n",
            "src/training/main.py": "import torch\nif args.torchcompile:\n"
            "    model = torch.compile(model)\n",
            "run.sh": "torchrun --nproc_per_node 4 -m training.main --torchcompile\n",
        },
        {
            "src/training/params.py": "import argparse\nparser = argparse.ArgumentParser()\n"
            "parser.add_argument('--torchcompile', action='store_true', default=False)\n",
            "src/training/main.py": "import torch\nif args.torchcompile:\n"
            "    model = torch.compile(model)\n",
        },
        expect="torch.compile",
        name="switch-declared-in-another-module",
    ),
    RuleCase(
        "GT505",
        {
            "src/training/main.py": SINGLE_GPU_TRAIN,
            "README.md": "```bash\ncd open_clip/src\n"
            "torchrun --nproc_per_node 4 -m training.main --batch-size 320\n```\n",
        },
        {
            "src/training/main.py": SINGLE_GPU_TRAIN,
            "README.md": "```bash\ncd open_clip/src\n"
            "torchrun --nproc_per_node 4 -m other_project.main --batch-size 320\n```\n",
        },
        expect="jobs request 4 GPUs",
        name="readme-module-under-src",
    ),
    RuleCase(
        "GT407",
        {"train.py": GRAD_CHECKPOINTING_OPTION, "run.sh": "python train.py --grad-checkpointing\n"},
        {"train.py": GRAD_CHECKPOINTING_OPTION},
        expect="set_grad_checkpointing",
        name="behind-off-option",
    ),
    RuleCase(
        "GT509",
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "loader = DataLoader(ds, batch_size=32)\n" + TORCH_TRAIN_GPU
        },
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n"
            "def test(model_engine, testset):\n"
            "    testloader = DataLoader(testset, batch_size=4, shuffle=False, num_workers=0)\n"
            + TORCH_TRAIN_GPU
        },
        expect="num_workers not set",
        name="test-function-loader",
    ),
    RuleCase(
        "GT601",
        {
            "src/drift.py": "from scipy.stats import ks_2samp\n"
            "def detect_drift(reference, current):\n"
            "    return {c: ks_2samp(reference[c], current[c]).pvalue < 0.01 for c in reference}\n"
            "def should_retrain(reference, current):\n"
            "    return any(detect_drift(reference, current).values())\n"
        },
        {
            "src/eda.py": "from scipy.stats import ks_2samp\n"
            "def compare(a, b):\n    return ks_2samp(a, b)\n"
        },
        expect="detect_drift() (hand-written)",
        name="hand-written",
    ),
    RuleCase(
        "GT104",
        {
            "train.py": "import pandas as pd\nimport torch\ndf = pd.read_csv('rows.csv')\n"
            "x = torch.tensor(df.values)\nloss = model(x).sum()\nloss.backward()\n"
            "optimizer.step()\n"
        },
        {
            "data.py": "import pandas as pd\nfrom torch.utils.data import Dataset\n"
            "class CsvDataset(Dataset):\n    def __init__(self, path):\n"
            "        df = pd.read_csv(path, sep='\\t')\n        self.images = df['filepath'].tolist()\n",
            "train.py": "import torch\nloss = model(images).sum()\nloss.backward()\noptimizer.step()\n",
        },
        expect="pd.read_csv",
        name="deep-learning-file-index",
    ),
    RuleCase(
        "GT404",
        {"main.py": DETR_SAVE, "run_with_submitit.py": "args.output_dir = args.job_dir\n"},
        {"main.py": DETR_SAVE},
        expect="save_on_master",
        name="option-set-by-launcher-code",
    ),
    RuleCase(
        "GT502",
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n"
            "COPY requirements.txt .\nRUN pip3 install -r requirements.txt\nCOPY app/ ./app/\n",
            "requirements.txt": "fastapi\nscikit-learn\njoblib\n",
            "app/main.py": "import joblib\nfrom sklearn.pipeline import Pipeline\n",
            "model-store/handler.py": "import torch\nfrom torchvision import transforms\n",
        },
        {
            "Dockerfile": "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n"
            "COPY requirements.txt .\nRUN pip3 install -r requirements.txt\nCOPY app/ ./app/\n",
            "requirements.txt": "fastapi\nscikit-learn\njoblib\n",
            "app/main.py": "import joblib\nimport torch\n",
            "model-store/handler.py": "import torch\nfrom torchvision import transforms\n",
        },
        expect="what the image copies in only uses CPU libraries",
        name="scoped-to-copied-files",
        extra_negatives=(
            {
                "Dockerfile": "FROM nvidia/cuda:12.1.0-runtime-ubuntu22.04\n"
                "RUN pip3 install torch\nCOPY app/ ./app/\n",
                "app/main.py": "import joblib\nfrom sklearn.pipeline import Pipeline\n",
            },
        ),
    ),
    RuleCase(
        "GT311",
        {
            "models/backbone.py": "import torchvision\nfrom util.misc import is_main_process\n"
            "def build(name):\n    return getattr(torchvision.models, name)(\n"
            "        pretrained=is_main_process(), norm_layer=FrozenBatchNorm2d)\n",
            "engine.py": "import torch\nloss = criterion(model(samples), targets)\nlosses.backward()\n",
        },
        {
            "models/backbone.py": "import torchvision\nfrom util.misc import is_main_process\n"
            "def build(name):\n    return getattr(torchvision.models, name)(\n"
            "        pretrained=False, norm_layer=FrozenBatchNorm2d)\n",
            "engine.py": "loss = criterion(model(samples), targets)\nlosses.backward()\n",
        },
        expect="torchvision.models.<arch>(pretrained weights)",
        name="architecture-by-name-rank-zero-download",
        extra_negatives=(
            {
                "main.py": "import argparse\nimport torchvision.models as models\n"
                "parser = argparse.ArgumentParser()\n"
                "parser.add_argument('--pretrained', action='store_true')\n"
                "args = parser.parse_args()\nif args.pretrained:\n"
                "    model = models.__dict__[args.arch](pretrained=True)\n"
                "else:\n    model = models.__dict__[args.arch]()\nloss.backward()\n",
            },
        ),
    ),
    RuleCase(
        "GT505",
        {
            "distributed_train.sh": "#!/bin/bash\nNUM_PROC=$1\nshift\n"
            'torchrun --nproc-per-node=$NUM_PROC train.py "$@"\n',
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
            "docs/training_examples.md": "EfficientNet-B2:\n\n"
            "`./distributed_train.sh 8 /imagenet/ --model efficientnet_b2 --epochs 450 --amp`\n",
        },
        {
            "distributed_train.sh": "#!/bin/bash\nNUM_PROC=$1\nshift\n"
            'torchrun --nproc-per-node=$NUM_PROC train.py "$@"\n',
            "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
            "docs/training_examples.md": "EfficientNet-B2:\n\n"
            "`./distributed_train.sh 1 /imagenet/ --model efficientnet_b2 --epochs 450 --amp`\n",
        },
        expect="jobs request 8 GPUs (./distributed_train.sh 8 /imagenet/",
        name="gpu-count-passed-to-a-wrapper-script",
        extra_negatives=(
            {
                "dist_train.sh": "#!/bin/bash\nGPUS=$2\n"
                "python -m torch.distributed.launch --nproc_per_node=$GPUS train.py $1\n",
                "train.py": "import torch\nmodel = model.cuda()\nloss.backward()\n",
                "README.md": "```bash\nbash dist_train.sh configs/a.py\n```\n",
            },
        ),
    ),
    RuleCase(
        "GT311",
        {
            "lm_eval/models/hf.py": "from transformers import AutoModelForCausalLM\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2')\n",
            "finetune.py": "import torch\nloss = model(**batch).loss\nloss.backward()\n",
        },
        {
            "lm_eval/models/hf.py": "from transformers import AutoModelForCausalLM\n"
            "model = AutoModelForCausalLM.from_pretrained('gpt2')\nmodel.eval()\n",
        },
        expect="from_pretrained",
        name="only-where-something-trains",
    ),
    RuleCase(
        "GT606",
        {
            "engine.py": "import torch\ndef train_one_epoch(model, loss_scaler):\n"
            "    loss = criterion(model(samples), targets)\n"
            "    loss_scaler(loss, optimizer, clip_grad=1.0, parameters=model.parameters())\n",
        },
        {
            "engine.py": "import torch\ndef evaluate(model):\n"
            "    with torch.no_grad():\n        loss = criterion(model(samples), targets)\n",
        },
        expect="the project trains models (engine.py)",
        name="timm-native-scaler-step",
    ),
    RuleCase(
        "GT407",
        {
            "finetune.py": "import torch\nfrom peft import prepare_model_for_int8_training\n"
            "model = prepare_model_for_int8_training(model)\nloss.backward()\n"
            "torch.cuda.empty_cache()\n",
        },
        {
            "finetune.py": "import torch\nfrom peft import prepare_model_for_kbit_training\n"
            "model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)\n"
            "loss.backward()\n",
        },
        expect="prepare_model_for_int8_training (gradient checkpointing)",
        name="peft-kbit-preparation",
        extra_negatives=(
            {"train.py": "import torch\nloss.backward()\ntorch.cuda.empty_cache()\n"},
        ),
    ),
    RuleCase(
        "GT408",
        {
            "exp.py": "import torch\ndef train(self):\n    total_loss = []\n"
            "    for x, y in loader:\n        loss = crit(model(x), y)\n"
            "        total_loss.append(loss)\n        loss.backward()\n",
        },
        {
            "exp.py": "import torch\ndef vali(self, loader):\n    total_loss = []\n"
            "    with torch.no_grad():\n        for x, y in loader:\n"
            "            pred = model(x).detach().cpu()\n            loss = criterion(pred, y)\n"
            "            total_loss.append(loss)\n"
            "def train(self):\n    loss.backward()\n",
        },
        expect="total_loss.append(loss)",
        name="time-series-library-vali",
    ),
    RuleCase(
        "GT104",
        {
            "data_loader.py": "import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n"
            "from sklearn.linear_model import Ridge\n"
            "df = pd.read_csv('ETTh1.csv')\nscaler = StandardScaler()\nscaler.fit(df.values)\n"
            "Ridge().fit(df[['a']], df['y'])\n",
        },
        {
            "data_loader.py": "import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n"
            "df = pd.read_csv('ETTh1.csv')\nself.scaler = StandardScaler()\n"
            "self.scaler.fit(df.values)\n",
        },
        expect="pd.read_csv",
        name="scaler-fit-is-not-training",
    ),
    RuleCase(
        "GT306",
        {"scripts/ECL/SegRNN.sh": _SEGRNN_LR_SWEEP, "run.py": TORCH_BACKWARD},
        {"scripts/ECL/SegRNN.sh": SEGRNN_SH, "run.py": TORCH_BACKWARD},
        expect="4 full training runs",
        name="forecast-horizons-are-needed-runs",
    ),
    RuleCase(
        "GT103",
        {
            "prep.py": "import pandas as pd\ndf = pd.read_csv('ratings.csv')\n"
            "df = df[['user', 'item', 'rating']].drop_duplicates(subset=['user', 'item'])\n"
            "test = df.drop_duplicates()\n",
        },
        {
            "sar.py": "import pandas as pd\ndef recommend(test, col_user):\n"
            "    users = test[col_user].drop_duplicates()\n"
            "    ids = test[self.col_user].drop_duplicates().values\n"
            "    pairs = test[[col_user, 'item']].drop_duplicates()\n",
        },
        expect="drop_duplicates",
        name="distinct-column-values",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import xgboost as xgb\n"
            "check_point = xgb.callback.TrainingCheckPoint(directory='ckpt', interval=50)\n"
            "xgb.train(params, dtrain, num_boost_round=1000, callbacks=[check_point])\n",
        },
        {
            "train.py": "import xgboost as xgb\nxgb.train(params, dtrain, num_boost_round=1000)\n",
        },
        expect="TrainingCheckPoint",
        name="xgboost-checkpoint-callback",
    ),
    RuleCase(
        "GT505",
        {
            "train_net.py": "import torch\nfrom detectron2.engine import launch\nloss.backward()\n",
            "README.md": "```\npython train_net.py --config-file configs/R50.yaml --num-gpus 8\n```\n",
        },
        {
            "train_net.py": "import torch\nfrom detectron2.engine import launch\nloss.backward()\n",
            "README.md": "```\npython train_net.py --config-file configs/R50.yaml --num-gpus 1\n```\n",
        },
        expect="jobs request 8 GPUs",
        name="training-script-gpu-count",
    ),
    RuleCase(
        "GT606",
        {
            "main.py": "from pytorch_lightning.trainer import Trainer\n"
            "trainer = Trainer.from_argparse_args(opt, **trainer_kwargs)\n"
            "trainer.fit(model, data)\n",
        },
        {
            "main.py": "from pytorch_lightning.trainer import Trainer\n"
            "parser = Trainer.add_argparse_args(parser)\n",
        },
        expect="the project trains models (main.py)",
        name="lightning-from-argparse-args",
    ),
    RuleCase(
        "GT311",
        {
            "configs/ldm.yaml": "model:\n  target: ldm.models.diffusion.ddpm.LatentDiffusion\n"
            "  params:\n    first_stage_config:\n      target: ldm.models.autoencoder.AutoencoderKL\n"
            "      params:\n        ckpt_path: models/first_stage_models/kl-f8/model.ckpt\n",
        },
        {
            "configs/ldm.yaml": "model:\n  target: ldm.models.diffusion.ddpm.LatentDiffusion\n"
            "  params:\n    teacher:\n      ckpt_path: models/teacher.ckpt\n",
        },
        expect="first_stage_config.params.ckpt_path",
        name="latent-diffusion-autoencoder",
    ),
    RuleCase(
        "GT404",
        {
            "configs/ldm.yaml": "model:\n  params:\n    ckpt_path: logs/last.ckpt\n",
            "main.py": "import torch\nloss.backward()\n",
        },
        {
            "configs/ldm.yaml": "model:\n  params:\n    first_stage_config:\n"
            "      params:\n        ckpt_path: models/first_stage_models/kl-f8/model.ckpt\n",
            "main.py": "import torch\nloss.backward()\n",
        },
        expect="ckpt_path",
        name="frozen-part-weights-are-not-resumed",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import torch\nfrom ray.train import ScalingConfig\n"
            "scaling_config = ScalingConfig(num_workers=2, use_gpu=True)\nloss.backward()\n",
        },
        {
            "train.py": "import torch\nfrom ray.train import ScalingConfig\n"
            "scaling_config = ScalingConfig(num_workers=2, use_gpu=False)\nloss.backward()\n",
        },
        expect="ScalingConfig(use_gpu=True)",
        name="ray-train-gpu-workers",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import torch\naccumulate = max(round(nbs / total_batch_size), 1)\n"
            "for i, (imgs, targets) in enumerate(loader):\n    ni = i + nb * epoch\n"
            "    scaler.scale(loss).backward()\n    if ni % accumulate == 0:\n"
            "        scaler.step(optimizer)\n        scaler.update()\n",
        },
        {
            "train.py": "import torch\nfor i, (imgs, targets) in enumerate(loader):\n"
            "    scaler.scale(loss).backward()\n    if i % 100 == 0:\n        print(loss)\n"
            "    scaler.step(optimizer)\n    scaler.update()\n",
        },
        expect="scaler.step() under `if ni % accumulate == 0:`",
        name="hand-written-accumulation",
    ),
    RuleCase(
        "GT108",
        {
            "train.py": "import torch\nimport numpy as np\nx = torch.zeros(4, dtype=torch.float64)\n"
            "loss.backward()\n",
        },
        {
            "utils/datasets.py": "import torch\nimport numpy as np\n"
            "shapes = np.array(shapes, dtype=np.float64)\nboxes = labels.astype(np.float64)\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="float64 in deep-learning code",
        name="numpy-host-side-arrays",
    ),
    RuleCase(
        "GT510",
        {
            "train.py": "import numpy as np\nfor _ in range(300):\n"
            "    x = np.loadtxt('evolve.txt', ndmin=2)\n    results = train(hyp)\n",
        },
        {
            "train.py": "import numpy as np\nfor _ in range(300):\n"
            "    x = np.loadtxt('evolve.txt', ndmin=2)\n    results = train(hyp)\n"
            "    print_mutation(hyp, results)\n",
            "utils/general.py": "def print_mutation(hyp, results):\n"
            "    with open('evolve.txt', 'a') as f:\n        f.write(str(results))\n",
        },
        expect="np.loadtxt('evolve.txt')",
        name="file-the-loop-rewrites",
    ),
    RuleCase(
        "GT404",
        {
            "recipes/train_vits.py": "from trainer import Trainer, TrainerArgs\n"
            "from TTS.tts.configs.vits_config import VitsConfig\n"
            "config = VitsConfig(batch_size=32, epochs=1000, mixed_precision=True)\n"
            "trainer = Trainer(TrainerArgs(), config, output_path, model=model)\ntrainer.fit()\n",
        },
        {
            "recipes/train_vits.py": "from trainer import Trainer, TrainerArgs\n"
            "config = VitsConfig(batch_size=32, epochs=1000)\n"
            "trainer = Trainer(TrainerArgs(), config, output_path, model=model)\ntrainer.fit()\n",
            "trainer.py": "class Trainer:\n    def fit(self):\n        pass\n",
        },
        expect="Coqui Trainer (checkpoints every 10,000 steps by default)",
        name="coqui-trainer-default",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "from trainer import Trainer, TrainerArgs\n"
            "config = GlowTTSConfig(batch_size=32, mixed_precision=True)\n"
            "Trainer(TrainerArgs(), config, output_path, model=model).fit()\n",
        },
        {
            "train.py": "from trainer import Trainer, TrainerArgs\n"
            "config = GlowTTSConfig(batch_size=32, mixed_precision=False)\n"
            "Trainer(TrainerArgs(), config, output_path, model=model).fit()\n",
        },
        expect="mixed_precision=True",
        name="boolean-mixed-precision",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import torch\nloss.backward()\n",
            "README.md": "```shell\npython train.py --data coco.yaml --weights '' --cfg yolov7.yaml\n"
            "python train.py --data custom.yaml --weights 'yolov7_training.pt' --cfg yolov7-custom.yaml\n"
            "```\n",
        },
        {
            "train.py": "import torch\nloss.backward()\n",
            "README.md": "```shell\npython train.py --data coco.yaml --weights '' --cfg yolov7.yaml\n"
            "python detect.py --weights yolov7.pt --source inference/images/horses.jpg\n```\n",
        },
        expect="--weights yolov7_training.pt",
        name="yolo-fine-tune-command",
    ),
    RuleCase(
        "GT602",
        {
            "orchestration/deploy.py": "import xgboost as xgb\nfrom prefect import flow\n"
            "from prefect.deployments import Deployment\n"
            "from prefect.orion.schemas.schedules import IntervalSchedule\n"
            "@flow\ndef main():\n    xgb.train(params, dtrain, num_boost_round=100)\n"
            "Deployment(flow=main, name='model_training',\n"
            "    schedule=IntervalSchedule(interval=timedelta(minutes=5)))\n",
            "monitoring/dashboard.py": "from evidently.report import Report\n"
            "from evidently.metrics import DatasetDriftMetric\n",
        },
        {
            "orchestration/deploy.py": "import xgboost as xgb\nfrom prefect import flow\n"
            "from prefect.deployments import Deployment\n"
            "from prefect.orion.schemas.schedules import IntervalSchedule\n"
            "from drift_gate import dataset_drifted\n"
            "@flow\ndef main():\n    if dataset_drifted():\n"
            "        xgb.train(params, dtrain, num_boost_round=100)\n"
            "Deployment(flow=main, name='model_training',\n"
            "    schedule=IntervalSchedule(interval=timedelta(minutes=5)))\n",
            "monitoring/drift_gate.py": "from evidently.report import Report\n"
            "from evidently.metrics import DatasetDriftMetric\n",
        },
        expect="a Prefect deployment of main model_training (schedule=IntervalSchedule(...))",
        name="prefect-deployment-object",
        extra_negatives=(
            {
                "dags/retrain.py": "from airflow import DAG\n"
                "from airflow.operators.bash import BashOperator\n"
                "with DAG('retrain', schedule_interval='@daily') as dag:\n"
                "    check = BashOperator(task_id='drift', bash_command='python monitoring/check_drift.py')\n"
                "    train = BashOperator(task_id='train', bash_command='python train.py')\n",
                "monitoring/check_drift.py": "from evidently.report import Report\n"
                "from evidently.metrics import DatasetDriftMetric\n",
                "train.py": "from sklearn.linear_model import LogisticRegression\n"
                "LogisticRegression().fit(X, y)\n",
            },
        ),
    ),
    RuleCase(
        "GT507",
        {
            "scripts/create_cluster_jobs.py": "import subprocess\nimport os\n"
            "LOG_STD_INIT = [-6, -5, -4, -3, -2, -1, 0, 1]\n"
            "for log_std_init in LOG_STD_INIT:\n    for _ in range(5):\n"
            "        subprocess.call(['sbatch', 'cluster_torchy.sh', algo, env_id, command])\n"
            "for lr in [0.1, 0.01, 0.001, 0.0001, 0.00001]:\n    for seed in range(5):\n"
            "        os.system(f'sbatch train.sh {lr} {seed}')\n",
        },
        {
            "scripts/create_cluster_jobs.py": "import subprocess\nimport os\n"
            "for seed in range(3):\n"
            "    subprocess.call(['sbatch', 'cluster_torchy.sh', algo, env_id, command])\n"
            "for name in names:\n    os.system(f'sbatch train.sh {name}')\n"
            "for lr in [0.1, 0.01, 0.001, 0.0001, 0.00001]:\n    for seed in range(5):\n"
            "        subprocess.run(['python', 'train.py', '--lr', str(lr)])\n",
        },
        expect="a Python loop submits 40 jobs with sbatch (subprocess.call)",
        name="sbatch-from-python",
    ),
    RuleCase(
        "GT505",
        {
            "skypilot/qlora.yaml": "name: qlora\nresources:\n  accelerators: A100:4\nnum_nodes: 2\n"
            "run: |\n  python qlora.py --model_name_or_path huggyllama/llama-7b\n",
            "qlora.py": "import torch\nloss.backward()\n",
        },
        {
            "skypilot/qlora.yaml": "name: qlora\nresources:\n  accelerators: A100:1\n"
            "run: |\n  python qlora.py --model_name_or_path huggyllama/llama-7b\n",
            "qlora.py": "import torch\nloss.backward()\n",
        },
        expect="jobs request 8 GPUs (2 nodes × 4: accelerators: A100:4, num_nodes: 2)",
        name="skypilot-task",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/workloads.yml": "on: [pull_request]\njobs:\n  workloads:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - run: bash deploy/jobs/workloads.sh\n",
            "deploy/jobs/workloads.sh": "#!/bin/bash\npytest tests/code\n"
            "python madewithml/train.py --experiment-name llm --num-epochs 10\n",
            "madewithml/train.py": "import torch\nloss.backward()\n",
        },
        {
            ".github/workflows/workloads.yml": "on: [pull_request]\njobs:\n  workloads:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - run: bash deploy/jobs/workloads.sh\n",
            "deploy/jobs/workloads.sh": "#!/bin/bash\npytest tests/code\npython -m build\n",
            "madewithml/train.py": "import torch\nloss.backward()\n",
        },
        expect="CI runs 'bash deploy/jobs/workloads.sh' on every pull request",
        name="training-behind-a-project-script",
    ),
    RuleCase(
        "GT408",
        {
            "engine.py": 'import torch\ndef train_step(model, loader, loss_fn, optimizer):\n    train_loss = 0\n    for X, y in loader:\n        loss = loss_fn(model(X), y)\n        train_loss += loss\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    return train_loss / len(loader), 0.0\ndef train(model, loader, loss_fn, optimizer, epochs):\n    results = {"train_loss": []}\n    for epoch in range(epochs):\n        train_loss, train_acc = train_step(model, loader, loss_fn, optimizer)\n        results["train_loss"].append(train_loss)\n    return results\n'
        },
        {
            "engine.py": 'import torch\ndef train_step(model, loader, loss_fn, optimizer):\n    train_loss = 0\n    for X, y in loader:\n        loss = loss_fn(model(X), y)\n        train_loss += loss.item()\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    return train_loss / len(loader), 0.0\ndef train(model, loader, loss_fn, optimizer, epochs):\n    results = {"train_loss": []}\n    for epoch in range(epochs):\n        train_loss, train_acc = train_step(model, loader, loss_fn, optimizer)\n        results["train_loss"].append(train_loss)\n    return results\n'
        },
        expect="results[].append(train_loss)",
        name="epoch-metric-accumulated-with-item",
        extra_negatives=(
            {
                "gpt_train.py": "import torch\ndef evaluate_model(model, train_loader, val_loader):\n    model.eval()\n    with torch.no_grad():\n        train_loss = calc_loss_loader(train_loader, model)\n        val_loss = calc_loss_loader(val_loader, model)\n    model.train()\n    return train_loss, val_loss\ndef train_model(model, train_loader, val_loader, optimizer, epochs):\n    train_losses, val_losses = [], []\n    for epoch in range(epochs):\n        for x, y in train_loader:\n            loss = calc_loss_batch(x, y, model)\n            loss.backward()\n            optimizer.step()\n            train_loss, val_loss = evaluate_model(model, train_loader, val_loader)\n            train_losses.append(train_loss)\n            val_losses.append(val_loss)\n"
            },
        ),
    ),
    RuleCase(
        "GT405",
        {
            "train.py": "import lightning.pytorch as pl\nEPOCHS = 30\ndef main():\n    trainer = pl.Trainer(enable_checkpointing=False, max_epochs=EPOCHS)\n    trainer.fit(Net(), datamodule=data)\n"
        },
        {
            "train.py": 'import optuna\nimport lightning.pytorch as pl\nEPOCHS = 30\ndef objective(trial):\n    dropout = trial.suggest_float("dropout", 0.2, 0.5)\n    trainer = pl.Trainer(enable_checkpointing=False, max_epochs=EPOCHS)\n    trainer.fit(Net(dropout), datamodule=data)\n    return trainer.callback_metrics["val_acc"].item()\nstudy = optuna.create_study()\nstudy.optimize(objective, n_trials=100)\n'
        },
        expect="enable_checkpointing=False",
        name="search-trial-trainer",
        extra_negatives=(
            {
                "train.py": 'import lightning.pytorch as pl\nfrom hyperopt import fmin, tpe\nEPOCHS = 30\ndef run_trial(params):\n    trainer = pl.Trainer(enable_checkpointing=False, max_epochs=EPOCHS)\n    trainer.fit(Net(**params), datamodule=data)\n    return trainer.callback_metrics["val_loss"].item()\nbest = fmin(fn=run_trial, space=space, algo=tpe.suggest, max_evals=50)\n'
            },
        ),
    ),
    RuleCase(
        "GT101",
        {
            "search.py": 'import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.ensemble import RandomForestRegressor\nhousing = pd.read_csv("housing.csv")\ngrid_search = GridSearchCV(RandomForestRegressor(), {"max_features": [4, 6, 8]}, cv=3)\ngrid_search.fit(housing.iloc[:5000], labels.iloc[:5000])\n'
        },
        {
            "search.py": 'import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.ensemble import RandomForestRegressor\nhousing = pd.read_csv("housing.csv")\ngrid_search = GridSearchCV(RandomForestRegressor(), {"max_features": [4, 6, 8]}, cv=3)\ngrid_search.fit(housing, labels)\n'
        },
        expect="housing.iloc[:5000]",
        name="fit-on-first-rows",
        extra_negatives=(
            {
                "search.py": 'import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.ensemble import RandomForestRegressor\nhousing = pd.read_csv("housing.csv")\ngrid_search = GridSearchCV(RandomForestRegressor(), {"max_features": [4, 6, 8]}, cv=3)\ngrid_search.fit(housing[:-5000], labels[:-5000])\n'
            },
            {
                "search.py": 'import pandas as pd\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.ensemble import RandomForestRegressor\nhousing = pd.read_csv("housing.csv")\ngrid_search = GridSearchCV(RandomForestRegressor(), {"max_features": [4, 6, 8]}, cv=3)\ngrid_search.fit(housing[:n], labels[:n])\n'
            },
        ),
    ),
    RuleCase(
        "GT402",
        {
            "train.py": 'import tensorflow as tf\nfrom sklearn.cluster import KMeans\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.neural_network import MLPRegressor\npipeline = make_pipeline(StandardScaler(), MLPRegressor())\npipeline.fit(X_train, y_train)\nkmeans = KMeans(n_clusters=10)\nkmeans.fit(X_train)\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(loss="mse", optimizer="adam")\nmodel.fit(X_train, y_train, epochs=20)\n',
            "Dockerfile": "FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04\nRUN pip install tensorflow scikit-learn\n",
        },
        {
            "train.py": "import tensorflow as tf\nfrom sklearn.cluster import KMeans\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.neural_network import MLPRegressor\npipeline = make_pipeline(StandardScaler(), MLPRegressor())\npipeline.fit(X_train, y_train)\nkmeans = KMeans(n_clusters=10)\nkmeans.fit(X_train)\n",
            "Dockerfile": "FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04\nRUN pip install tensorflow scikit-learn\n",
        },
        expect="trains on a GPU",
        name="keras-file-fitting-sklearn-models",
    ),
    RuleCase(
        "GT101",
        {
            "arguments.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\n@dataclass\nclass DataTrainingArguments:\n    train_file: Optional[str] = field(default=None, metadata={"help": "train file"})\n    max_train_samples: Optional[int] = field(\n        default=None,\n        metadata={"help": "For debugging purposes or quicker training, truncate the examples."},\n    )\n',
            "main.py": 'from transformers import HfArgumentParser, Seq2SeqTrainingArguments, Seq2SeqTrainer\nfrom datasets import load_dataset\nfrom arguments import ModelArguments, DataTrainingArguments\ndef main():\n    parser = HfArgumentParser((ModelArguments, DataTrainingArguments, Seq2SeqTrainingArguments))\n    model_args, data_args, training_args = parser.parse_args_into_dataclasses()\n    train_dataset = load_dataset("json", data_files=data_args.train_file)["train"]\n    if data_args.max_train_samples is not None:\n        max_train_samples = min(len(train_dataset), data_args.max_train_samples)\n        train_dataset = train_dataset.select(range(max_train_samples))\n    trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=train_dataset)\n    trainer.train()\n',
            "train.sh": "python main.py --train_file t.json --max_train_samples 1000\n",
        },
        {
            "arguments.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\n@dataclass\nclass DataTrainingArguments:\n    train_file: Optional[str] = field(default=None, metadata={"help": "train file"})\n    max_train_samples: Optional[int] = field(\n        default=None,\n        metadata={"help": "For debugging purposes or quicker training, truncate the examples."},\n    )\n',
            "main.py": 'from transformers import HfArgumentParser, Seq2SeqTrainingArguments, Seq2SeqTrainer\nfrom datasets import load_dataset\nfrom arguments import ModelArguments, DataTrainingArguments\ndef main():\n    parser = HfArgumentParser((ModelArguments, DataTrainingArguments, Seq2SeqTrainingArguments))\n    model_args, data_args, training_args = parser.parse_args_into_dataclasses()\n    train_dataset = load_dataset("json", data_files=data_args.train_file)["train"]\n    if data_args.max_train_samples is not None:\n        max_train_samples = min(len(train_dataset), data_args.max_train_samples)\n        train_dataset = train_dataset.select(range(max_train_samples))\n    trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=train_dataset)\n    trainer.train()\n',
            "train.sh": "python main.py --train_file t.json\n",
        },
        expect="select(range",
        name="hf-dataclass-option-off-by-default",
    ),
    RuleCase(
        "GT101",
        {
            "data.py": "from datasets import load_dataset, concatenate_datasets\ndef mix_datasets(dataset_mixer, splits):\n    subsets = []\n    for name, frac in dataset_mixer.items():\n        dataset = load_dataset(name, split=splits[0])\n        subsets.append(dataset.select(range(int(0.1 * len(dataset)))))\n    return concatenate_datasets(subsets).shuffle(seed=42)\n"
        },
        {
            "data.py": "from datasets import load_dataset, concatenate_datasets\ndef mix_datasets(dataset_mixer, splits):\n    subsets = []\n    for name, frac in dataset_mixer.items():\n        dataset = load_dataset(name, split=splits[0])\n        subsets.append(dataset.select(range(int(frac * len(dataset)))))\n    return concatenate_datasets(subsets).shuffle(seed=42)\n"
        },
        expect="select(range",
        name="select-share-of-whole-dataset",
        extra_negatives=(
            {
                "data.py": "from datasets import load_dataset, concatenate_datasets\ndef mix_datasets(dataset_mixer, splits):\n    subsets = []\n    for name, frac in dataset_mixer.items():\n        dataset = load_dataset(name, split=splits[0])\n        subsets.append(dataset.select(range(len(dataset))))\n    return concatenate_datasets(subsets).shuffle(seed=42)\n"
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "sft.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\nimport torch\nfrom transformers import AutoModelForCausalLM, BitsAndBytesConfig, HfArgumentParser, TrainingArguments\nfrom trl import SFTTrainer\n@dataclass\nclass ScriptArguments:\n    model_name: Optional[str] = field(default="facebook/opt-350m")\n    load_in_8bit: Optional[bool] = field(default=False)\n    load_in_4bit: Optional[bool] = field(default=False)\nparser = HfArgumentParser(ScriptArguments)\nscript_args = parser.parse_args_into_dataclasses()[0]\nif script_args.load_in_8bit and script_args.load_in_4bit:\n    raise ValueError("You can\'t load the model in 8 bits and 4 bits at the same time")\nelif script_args.load_in_8bit or script_args.load_in_4bit:\n    quantization_config = BitsAndBytesConfig(\n        load_in_8bit=script_args.load_in_8bit, load_in_4bit=script_args.load_in_4bit\n    )\nelse:\n    quantization_config = None\nmodel = AutoModelForCausalLM.from_pretrained(script_args.model_name, quantization_config=quantization_config)\ntrainer = SFTTrainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds)\ntrainer.train()\n',
            "run.sh": "accelerate launch sft.py --load_in_4bit\n",
        },
        {
            "sft.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\nimport torch\nfrom transformers import AutoModelForCausalLM, BitsAndBytesConfig, HfArgumentParser, TrainingArguments\nfrom trl import SFTTrainer\n@dataclass\nclass ScriptArguments:\n    model_name: Optional[str] = field(default="facebook/opt-350m")\n    load_in_8bit: Optional[bool] = field(default=False)\n    load_in_4bit: Optional[bool] = field(default=False)\nparser = HfArgumentParser(ScriptArguments)\nscript_args = parser.parse_args_into_dataclasses()[0]\nif script_args.load_in_8bit and script_args.load_in_4bit:\n    raise ValueError("You can\'t load the model in 8 bits and 4 bits at the same time")\nelif script_args.load_in_8bit or script_args.load_in_4bit:\n    quantization_config = BitsAndBytesConfig(\n        load_in_8bit=script_args.load_in_8bit, load_in_4bit=script_args.load_in_4bit\n    )\nelse:\n    quantization_config = None\nmodel = AutoModelForCausalLM.from_pretrained(script_args.model_name, quantization_config=quantization_config)\ntrainer = SFTTrainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds)\ntrainer.train()\n',
            "run.sh": "accelerate launch sft.py\n",
        },
        expect="BitsAndBytesConfig",
        name="either-of-two-dataclass-options",
    ),
    RuleCase(
        "GT101",
        {
            "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    subset = Subset(dataset, range(5000))\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
        },
        {
            "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    subset = Subset(dataset, list(range(rank, len(dataset), world_size)))\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
        },
        expect="Subset",
        name="subset-cut-not-shard",
        extra_negatives=(
            {
                "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    indices = np.arange(rank, len(dataset), world_size)\n    subset = SubsetRandomSampler(indices)\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
            },
            {
                "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    subset = Subset(dataset, train_idx)\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
            },
        ),
    ),
    RuleCase(
        "GT101",
        {
            "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    indices = torch.randperm(len(dataset))[:5000]\n    subset = SubsetRandomSampler(indices)\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
        },
        {
            "data.py": "import torch\nimport numpy as np\nfrom torch.utils.data import DataLoader, Subset, SubsetRandomSampler\ndef build_loader(dataset, rank, world_size, train_idx):\n    indices = np.arange(rank, len(dataset), world_size)\n    subset = SubsetRandomSampler(indices)\n    return DataLoader(dataset, sampler=subset, batch_size=64)\n"
        },
        expect="SubsetRandomSampler",
        name="sampler-on-cut-indices",
    ),
    RuleCase(
        "GT505",
        {
            "main.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--cfg')\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "get_started.md": "# Get started\n\n```bash\npython -m torch.distributed.launch --nproc_per_node 8 --master_port 12345 main.py \\\n--cfg configs/swin_tiny.yaml --data-path imagenet --batch-size 128\n```\n",
        },
        {
            "main.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--cfg')\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "get_started.md": "# Get started\n\n```bash\npython -m torch.distributed.launch --nproc_per_node 1 --master_port 12345 main.py \\\n--cfg configs/swin_tiny.yaml --data-path imagenet --batch-size 128\n```\n",
        },
        expect="request 8 GPUs",
        name="launch-note-launcher-option-values",
    ),
    RuleCase(
        "GT308",
        {
            "vit_jax/train.py": 'import jax\nimport flax\ndef make_update_fn(apply_fn, accum_steps, lr_fn):\n    def update_fn(opt, step, batch, rng):\n        return opt, loss, rng\n    return jax.pmap(update_fn, axis_name="batch", donate_argnums=(0,))\n'
        },
        {
            "vit_jax/train.py": 'import jax\nimport flax\ndef make_update_fn(apply_fn, accum_steps, lr_fn):\n    def update_fn(opt, step, batch, rng):\n        return opt, loss, rng\n    return jax.vmap(update_fn, axis_name="batch", donate_argnums=(0,))\n'
        },
        expect="jax.pmap",
        name="jax-pmap",
    ),
    RuleCase(
        "GT207",
        {
            "yamls/mpt-1b.yaml": "model:\n  name: mpt_causal_lm\n  d_model: 2048\n  attn_config:\n    attn_impl: triton\nmax_duration: 24800ba\n"
        },
        {
            "yamls/mpt-1b.yaml": "model:\n  name: mpt_causal_lm\n  d_model: 2048\n  attn_config:\n    attn_impl: torch\nmax_duration: 24800ba\n"
        },
        expect="attn_impl: triton",
        name="mpt-attn-impl",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--gpus', type=int, default=1)\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "README.md": "```\npython train.py --outdir=runs --data=ffhq.zip --gpus=8 --batch-size 64\n```\n",
        },
        {
            "train.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--gpus', type=int, default=1)\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "README.md": "```\npython train.py --outdir=runs --data=ffhq.zip --gpus=1 --batch-size 64\n```\n",
        },
        expect="request 8 GPUs",
        name="script-gpus-option",
        extra_negatives=(
            {
                "train.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--gpus', type=int, default=1)\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
                "README.md": "```\npython train.py --gpus 0, --batch-size 64\n```\n",
            },
        ),
    ),
    RuleCase(
        "GT505",
        {
            "scripts/train/train.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--gpus', type=int, default=1)\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "scripts/train/README.md": "```bash\ncomposer --world_size 16 --node_rank 0 --master_port 7501 train.py yamls/pretrain/mpt-125m.yaml\n```\n",
        },
        {
            "scripts/train/train.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--gpus', type=int, default=1)\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "scripts/train/README.md": "```bash\ncomposer train.py yamls/pretrain/mpt-125m.yaml\n```\n",
        },
        expect="request 16 GPUs",
        name="composer-world-size",
    ),
    RuleCase(
        "GT406",
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom omegaconf import OmegaConf as om\ncfg = om.load('yamls/mpt-1b.yaml')\ntrainer = Trainer(model=model, train_dataloader=loader, max_duration=cfg.max_duration, save_folder=cfg.get('save_folder'), save_interval=cfg.get('save_interval', '1000ba'))\ntrainer.fit()\n",
            "yamls/mpt-1b.yaml": "max_duration: 63900ba\nprecision: amp_bf16\nmodel:\n  name: mpt_causal_lm\n",
        },
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom omegaconf import OmegaConf as om\ncfg = om.load('yamls/mpt-1b.yaml')\ntrainer = Trainer(model=model, train_dataloader=loader, max_duration=cfg.max_duration, save_folder=cfg.get('save_folder'), save_interval=cfg.get('save_interval', '1000ba'))\ntrainer.fit()\n",
            "yamls/mpt-1b.yaml": "max_duration: 63900ba\nprecision: amp_bf16\nmodel:\n  name: mpt_causal_lm\nsave_folder: s3://bucket/ckpt\nsave_interval: 1000ba\n",
        },
        expect="max_duration: 63900ba",
        name="composer-max-duration",
        extra_negatives=(
            {
                "train.py": "import torch\nfrom composer import Trainer\nfrom omegaconf import OmegaConf as om\ncfg = om.load('yamls/mpt-1b.yaml')\ntrainer = Trainer(model=model, train_dataloader=loader, max_duration=cfg.max_duration, save_folder=cfg.get('save_folder'), save_interval=cfg.get('save_interval', '1000ba'))\ntrainer.fit()\n",
                "yamls/mpt-1b.yaml": "max_duration: 500ba\nprecision: amp_bf16\nmodel:\n  name: mpt_causal_lm\n",
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import torch\nfrom PIL import Image\ndef generate_class_images(pipeline, prompts):\n    for index, prompt in enumerate(prompts):\n        images = pipeline(prompt).images\n        for image in images:\n            image.save(f"class_images/{index}.jpg")\ndef train(model, loader, optimizer, epochs):\n    for epoch in range(epochs):\n        for batch in loader:\n            loss = model(batch).loss\n            loss.backward()\n            optimizer.step()\n        torch.save(model.state_dict(), f"ckpt_{epoch}.pt")\n'
        },
        {
            "train.py": 'import torch\nfrom PIL import Image\ndef generate_class_images(pipeline, prompts):\n    for index, prompt in enumerate(prompts):\n        images = pipeline(prompt).images\n        for image in images:\n            image.save(f"class_images/{index}.jpg")\ndef train(model, loader, optimizer, epochs):\n    for epoch in range(epochs):\n        for batch in loader:\n            loss = model(batch).loss\n            loss.backward()\n            optimizer.step()\n        print(epoch)\n'
        },
        expect="torch.save",
        name="image-save-is-no-checkpoint",
    ),
    RuleCase(
        "GT407",
        {
            "configs/common.py": "import ml_collections\ndef get_config():\n    config = ml_collections.ConfigDict()\n    config.pretrained_dir = '.'\n    config.accum_steps = 8\n    config.total_steps = 500\n    return config\n",
            "train.py": "import jax\nimport flax\nimport optax\ndef train_step(state, batch):\n    grads = jax.grad(loss_fn)(state.params, batch)\n    return state.apply_gradients(grads=grads)\n",
        },
        {
            "configs/common.py": "import ml_collections\ndef get_config():\n    config = ml_collections.ConfigDict()\n    config.pretrained_dir = '.'\n    config.accum_steps = 1\n    config.total_steps = 500\n    return config\n",
            "train.py": "import jax\nimport flax\nimport optax\ndef train_step(state, batch):\n    grads = jax.grad(loss_fn)(state.params, batch)\n    return state.apply_gradients(grads=grads)\n",
        },
        expect="accum_steps=8",
        name="ml-collections-get-config",
    ),
    RuleCase(
        "GT311",
        {
            "configs/common.py": "import ml_collections\ndef get_config():\n    config = ml_collections.ConfigDict()\n    config.pretrained_dir = 'gs://vit_models/imagenet21k'\n    config.accum_steps = 1\n    config.total_steps = 500\n    return config\n",
            "train.py": "import jax\nimport flax\nimport optax\ndef train_step(state, batch):\n    grads = jax.grad(loss_fn)(state.params, batch)\n    return state.apply_gradients(grads=grads)\n",
        },
        {
            "configs/common.py": "import ml_collections\ndef get_config():\n    config = ml_collections.ConfigDict()\n    config.pretrained_dir = '.'\n    config.accum_steps = 1\n    config.total_steps = 500\n    return config\n",
            "train.py": "import jax\nimport flax\nimport optax\ndef train_step(state, batch):\n    grads = jax.grad(loss_fn)(state.params, batch)\n    return state.apply_gradients(grads=grads)\n",
        },
        expect="gs://vit_models/imagenet21k",
        name="pretrained-dir-address",
    ),
    RuleCase(
        "GT311",
        {
            "main.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--cfg')\np.add_argument('--pretrained', help='pretrained weight from checkpoint')\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "get_started.md": "## Fine-tuning\n\n```bashs\npython -m torch.distributed.launch --nproc_per_node 8 main.py \\\n--cfg configs/swin_base_384_finetune.yaml --pretrained swin_base_patch4_window7_224.pth --batch-size 64\n```\n",
        },
        {
            "main.py": "import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument('--cfg')\np.add_argument('--pretrained', help='pretrained weight from checkpoint')\np.add_argument('--batch-size', type=int)\nloss.backward()\n",
            "get_started.md": "## Fine-tuning\n\n```bashs\npython -m torch.distributed.launch --nproc_per_node 8 main.py \\\n--cfg configs/swin_base_384_finetune.yaml --batch-size 64\n```\n",
        },
        expect="--pretrained swin_base_patch4_window7_224.pth",
        name="pretrained-weights-file-in-bashs-block",
    ),
    RuleCase(
        "GT407",
        {
            "training.py": "import torch\ndef train(model, loader, opt, grad_acc_steps):\n    steps_since_update = 0\n    for x, y in loader:\n        loss = crit(model(x), y) / grad_acc_steps\n        loss.backward()\n        steps_since_update += 1\n        if steps_since_update == grad_acc_steps:\n            opt.step()\n            opt.zero_grad()\n            steps_since_update = 0\n"
        },
        {
            "training.py": "import torch\ndef train(model, loader, opt, grad_acc_steps):\n    steps_since_update = 0\n    for x, y in loader:\n        loss = crit(model(x), y) / grad_acc_steps\n        loss.backward()\n        steps_since_update += 1\n        if steps_since_update == 1:\n            opt.step()\n            opt.zero_grad()\n            steps_since_update = 0\n"
        },
        expect="opt.step() under",
        name="grad-acc-steps-guard",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": 'import torch\nimport yaml\ncfg = yaml.safe_load(open("config.yaml"))\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(cfg["epochs"]):\n    for step, (x, y) in enumerate(loader):\n        loss = crit(model(x), y) / cfg["gradient_accumulation_steps"]\n        loss.backward()\n        if (step + 1) % cfg["gradient_accumulation_steps"] == 0:\n            opt.step()\n            opt.zero_grad()\n',
            "config.yaml": "epochs: 90\ngradient_accumulation_steps: 4\n",
        },
        {
            "train.py": 'import torch\nimport yaml\ncfg = yaml.safe_load(open("config.yaml"))\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(cfg["epochs"]):\n    for step, (x, y) in enumerate(loader):\n        loss = crit(model(x), y) / cfg["gradient_accumulation_steps"]\n        loss.backward()\n        if (step + 1) % cfg["gradient_accumulation_steps"] == 0:\n            opt.step()\n            opt.zero_grad()\n',
            "config.yaml": "epochs: 90\ngradient_accumulation_steps: 1\n",
        },
        expect="gradient_accumulation_steps=4",
        name="hand-written-accumulation-of-one",
    ),
    RuleCase(
        "GT101",
        {
            "pytorch_simple.py": "import torch\nBATCHSIZE = 128\nN_TRAIN_EXAMPLES = BATCHSIZE * 30\ndef objective(trial):\n    for batch_idx, (data, target) in enumerate(train_loader):\n        if batch_idx * BATCHSIZE >= N_TRAIN_EXAMPLES:\n            break\n        loss = F.nll_loss(model(data), target)\n        loss.backward()\n"
        },
        {
            "pytorch_simple.py": "import torch\nBATCHSIZE = 128\nN_TRAIN_EXAMPLES = len(dataset)\ndef objective(trial):\n    for batch_idx, (data, target) in enumerate(train_loader):\n        if batch_idx * BATCHSIZE >= N_TRAIN_EXAMPLES:\n            break\n        loss = F.nll_loss(model(data), target)\n        loss.backward()\n"
        },
        expect="N_TRAIN_EXAMPLES=3840",
        name="optuna-example-train-cap",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/tests.yml": "on: [push, pull_request]\njobs:\n  tests:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make train\n",
            "Makefile": "train:\n\tpython3 train.py epochs=360\n\ntest_train:\n\tpython3 train.py epochs=2 model.depth=2\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            ".github/workflows/tests.yml": "on: [push, pull_request]\njobs:\n  tests:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test_train\n",
            "Makefile": "train:\n\tpython3 train.py epochs=360\n\ntest_train:\n\tpython3 train.py epochs=2 model.depth=2\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="make train",
        name="make-test-target",
    ),
    RuleCase(
        "GT404",
        {
            "solver.py": 'import torch\nclass Solver:\n    def _serialize(self, epoch):\n        package = {"state": self.model.state_dict(), "optimizer": self.optimizer.state_dict()}\n        torch.save(package, self.checkpoint_file)\n    def train(self):\n        for epoch in range(self.args.epochs):\n            for batch in self.loader:\n                loss = self.model(batch)\n                loss.backward()\n                self.optimizer.step()\n            self._serialize(epoch)\n        pass\n'
        },
        {
            "solver.py": 'import torch\nclass Solver:\n    def _serialize(self, epoch):\n        package = {"state": self.model.state_dict(), "optimizer": self.optimizer.state_dict()}\n        torch.save(package, self.checkpoint_file)\n    def train(self):\n        for epoch in range(self.args.epochs):\n            for batch in self.loader:\n                loss = self.model(batch)\n                loss.backward()\n                self.optimizer.step()\n            pass\n        self._serialize(self.args.epochs)\n'
        },
        expect="in _serialize(), called in the training loop",
        name="save-in-helper-called-every-epoch",
    ),
    RuleCase(
        "GT405",
        {
            "finetune/finetune.py": "import torch\nfrom transformers import Trainer\nloss.backward()\n",
            "run.sh": "python finetune/finetune.py --model_path bigcode/starcoder --max_steps 20000 --save_freq 20000 --batch_size 1\n",
        },
        {
            "finetune/finetune.py": "import torch\nfrom transformers import Trainer\nloss.backward()\n",
            "run.sh": "python finetune/finetune.py --model_path bigcode/starcoder --max_steps 20000 --save_freq 1000 --batch_size 1\n",
        },
        expect="--save_freq=20000 is as long as the run (--max_steps=20000)",
        name="save-freq-equal-to-run",
    ),
    RuleCase(
        "GT407",
        {
            "accelerate_config.yaml": "compute_environment: LOCAL_MACHINE\ndeepspeed_config:\n  zero_stage: 3\ndistributed_type: DEEPSPEED\nnum_processes: 8\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "accelerate_config.yaml": "compute_environment: LOCAL_MACHINE\ndeepspeed_config:\n  zero_stage: 0\ndistributed_type: DEEPSPEED\nnum_processes: 8\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="DeepSpeed ZeRO stage 3",
        name="accelerate-zero-stage",
    ),
    RuleCase(
        "GT407",
        {
            "config/solver/musicgen.yaml": "fsdp:\n  use: true\n  param_dtype: float16\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        {
            "config/solver/musicgen.yaml": "fsdp:\n  use: false\n  param_dtype: float16\n",
            "train.py": "import torch\nloss.backward()\n",
        },
        expect="fsdp.use: True",
        name="fsdp-switched-on-in-config",
    ),
    RuleCase(
        "GT101",
        {
            "balance.py": "import pandas as pd\nfrom sklearn.utils import resample\nfrom sklearn.linear_model import LogisticRegression\ndf_minority_upsampled = resample(df_minority, replace=False, n_samples=500, random_state=123)\nLogisticRegression().fit(X, y)\n"
        },
        {
            "balance.py": "import pandas as pd\nfrom sklearn.utils import resample\nfrom sklearn.linear_model import LogisticRegression\ndf_minority_upsampled = resample(df_minority, replace=True, n_samples=500, random_state=123)\nLogisticRegression().fit(X, y)\n"
        },
        expect="resample",
        name="upsampling-is-no-sampling",
    ),
    RuleCase(
        "GT301",
        {
            "tune.py": 'from google.cloud import aiplatform\nfrom google.cloud.aiplatform import hyperparameter_tuning as hpt\njob = aiplatform.CustomJob(display_name="train", worker_pool_specs=worker_pool_specs)\nhp_job = aiplatform.HyperparameterTuningJob(\n    display_name="tune",\n    custom_job=job,\n    metric_spec={"accuracy": "maximize"},\n    parameter_spec={"lr": hpt.DoubleParameterSpec(min=0.001, max=1, scale="log")},\n    max_trial_count=20,\n    parallel_trial_count=5,\n)\nhp_job.run()\n'
        },
        {
            "tune.py": 'from google.cloud import aiplatform\nfrom google.cloud.aiplatform import hyperparameter_tuning as hpt\njob = aiplatform.CustomJob(display_name="train", worker_pool_specs=worker_pool_specs)\nhp_job = aiplatform.HyperparameterTuningJob(\n    display_name="tune",\n    custom_job=job,\n    metric_spec={"accuracy": "maximize"},\n    parameter_spec={"lr": hpt.DoubleParameterSpec(min=0.001, max=1, scale="log")},\n    parallel_trial_count=5,\n)\nhp_job.run()\n'
        },
        expect="HyperparameterTuningJob(max_trial_count=20)",
        name="managed-tuning-service-budget",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast, GradScaler\nimport utils\nhps = utils.get_hparams()\nnet_g = SynthesizerTrn().cuda()\nscaler = GradScaler(enabled=hps.train.fp16_run)\nfor epoch in range(hps.train.epochs):\n    for x, y in train_loader:\n        with autocast(enabled=hps.train.fp16_run):\n            loss = net_g(x.cuda(), y.cuda())\n        scaler.scale(loss).backward()\n        scaler.step(optim_g)\n        scaler.update()\n",
            "configs/ljs_base.json": '{\n  "train": {\n    "epochs": 20000,\n    "fp16_run": true,\n    "batch_size": 64\n  }\n}\n',
            "configs/vctk_base.json": '{\n  "train": {\n    "epochs": 20000,\n    "fp16_run": true,\n    "batch_size": 64\n  }\n}\n',
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast, GradScaler\nimport utils\nhps = utils.get_hparams()\nnet_g = SynthesizerTrn().cuda()\nscaler = GradScaler(enabled=hps.train.fp16_run)\nfor epoch in range(hps.train.epochs):\n    for x, y in train_loader:\n        with autocast(enabled=hps.train.fp16_run):\n            loss = net_g(x.cuda(), y.cuda())\n        scaler.scale(loss).backward()\n        scaler.step(optim_g)\n        scaler.update()\n",
            "configs/ljs_base.json": '{\n  "train": {\n    "epochs": 20000,\n    "fp16_run": false,\n    "batch_size": 64\n  }\n}\n',
            "configs/vctk_base.json": '{\n  "train": {\n    "epochs": 20000,\n    "fp16_run": false,\n    "batch_size": 64\n  }\n}\n',
        },
        expect="autocast",
        name="switch-read-from-json-config",
    ),
    RuleCase(
        "GT304",
        {
            "svm.py": 'from sklearn.model_selection import GridSearchCV, validation_curve\nfrom sklearn.svm import SVC\n\nparam_range = [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]\ntrain_scores, test_scores = validation_curve(SVC(), X, y, param_name="C", param_range=param_range, cv=10)\n\nparam_range = [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]\nparam_grid = [{"C": param_range, "kernel": ["linear"]}, {"C": param_range, "gamma": param_range, "kernel": ["rbf"]}]\ngs = GridSearchCV(SVC(), param_grid=param_grid, cv=10, n_jobs=-1)\ngs.fit(X, y)\n',
        },
        {
            "svm.py": 'from sklearn.model_selection import GridSearchCV, validation_curve\nfrom sklearn.svm import SVC\n\nparam_range = [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0]\ntrain_scores, test_scores = validation_curve(SVC(), X, y, param_name="C", param_range=param_range, cv=10)\n\nparam_range = [0.1, 1.0]\nparam_grid = [{"C": param_range, "kernel": ["linear"]}, {"C": param_range, "gamma": param_range, "kernel": ["rbf"]}]\ngs = GridSearchCV(SVC(), param_grid=param_grid, cv=2, n_jobs=-1)\ngs.fit(X, y)\n',
        },
        expect="720 fits",
        name="grid-name-bound-again",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": "import torch\nfrom models import create_model\nfrom options.train_options import TrainOptions\n\nopt = TrainOptions().parse()\nmodel = create_model(opt)\nfor epoch in range(opt.epoch_count, opt.n_epochs + 1):\n    for i, data in enumerate(dataset):\n        model.set_input(data)\n        model.optimize_parameters()\n",
            "scripts/train_cyclegan.sh": "set -ex\npython train.py --dataroot ./datasets/maps --name maps_cyclegan --model cycle_gan --gpu_ids 0,1,2,3 --batch_size 4\n",
        },
        {
            "train.py": "import torch\nfrom models import create_model\nfrom options.train_options import TrainOptions\n\nopt = TrainOptions().parse()\nmodel = create_model(opt)\nfor epoch in range(opt.epoch_count, opt.n_epochs + 1):\n    for i, data in enumerate(dataset):\n        model.set_input(data)\n        model.optimize_parameters()\n",
            "scripts/train_cyclegan.sh": "set -ex\npython train.py --dataroot ./datasets/maps --name maps_cyclegan --model cycle_gan --gpu_ids 0 --batch_size 4\n",
        },
        expect="4 GPUs",
        name="gpu-id-list-on-a-training-script",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": "import lightning as L\nfrom model import Net\ntrainer = L.Trainer.from_argparse_args(args)\ntrainer.fit(Net())\n",
            "README.md": "## Train\n\n```bash\npython train.py --gpus 0,1 --max_epochs 50\n```\n",
        },
        {
            "train.py": "import lightning as L\nfrom model import Net\ntrainer = L.Trainer.from_argparse_args(args)\ntrainer.fit(Net())\n",
            "README.md": "## Train\n\n```bash\npython train.py --gpus 0, --max_epochs 50\n```\n",
        },
        expect="2 GPUs",
        name="lightning-gpu-list",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import hydra\nimport lightning as L\nfrom omegaconf import DictConfig\nfrom src.model import LitModel\n\n\n@hydra.main(version_base="1.3", config_path="configs", config_name="train.yaml")\ndef main(cfg: DictConfig) -> None:\n    model = LitModel(cfg.model)\n    datamodule = hydra.utils.instantiate(cfg.data)\n    trainer = L.Trainer(**cfg.trainer)\n    trainer.fit(model=model, datamodule=datamodule)\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/train.yaml": "defaults:\n  - trainer: default\n  - _self_\nseed: 12345\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.trainer.Trainer\nmin_epochs: 1\nmax_epochs: 10\naccelerator: gpu\ndevices: 1\nprecision: 32\n",
            "README.md": "# Project\n\n```bash\npython train.py trainer=default trainer.precision=16-mixed trainer.max_epochs=100\n```\n",
        },
        {
            "train.py": 'import hydra\nimport lightning as L\nfrom omegaconf import DictConfig\nfrom src.model import LitModel\n\n\n@hydra.main(version_base="1.3", config_path="configs", config_name="train.yaml")\ndef main(cfg: DictConfig) -> None:\n    model = LitModel(cfg.model)\n    datamodule = hydra.utils.instantiate(cfg.data)\n    trainer = L.Trainer(**cfg.trainer)\n    trainer.fit(model=model, datamodule=datamodule)\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/train.yaml": "defaults:\n  - trainer: default\n  - _self_\nseed: 12345\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.trainer.Trainer\nmin_epochs: 1\nmax_epochs: 10\naccelerator: gpu\ndevices: 1\nprecision: 32\n",
            "README.md": "# Project\n\n```bash\npython train.py trainer=default trainer.max_epochs=100\n```\n",
        },
        expect="trainer.precision=16-mixed",
        name="hydra-override-on-the-launch",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": 'import hydra\nimport lightning as L\nfrom omegaconf import DictConfig\nfrom src.model import LitModel\n\n\n@hydra.main(version_base="1.3", config_path="configs", config_name="train.yaml")\ndef main(cfg: DictConfig) -> None:\n    model = LitModel(cfg.model)\n    datamodule = hydra.utils.instantiate(cfg.data)\n    trainer = L.Trainer(**cfg.trainer)\n    trainer.fit(model=model, datamodule=datamodule)\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/train.yaml": "defaults:\n  - trainer: default\n  - _self_\nseed: 12345\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.trainer.Trainer\nmin_epochs: 1\nmax_epochs: 10\naccelerator: gpu\ndevices: 1\nprecision: 32\n",
            "README.md": "# Project\n\n```bash\npython train.py trainer.max_epochs=100\n```\n",
        },
        {
            "train.py": 'import hydra\nimport lightning as L\nfrom omegaconf import DictConfig\nfrom src.model import LitModel\n\n\n@hydra.main(version_base="1.3", config_path="configs", config_name="train.yaml")\ndef main(cfg: DictConfig) -> None:\n    model = LitModel(cfg.model)\n    datamodule = hydra.utils.instantiate(cfg.data)\n    trainer = L.Trainer(**cfg.trainer)\n    trainer.fit(model=model, datamodule=datamodule)\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/train.yaml": "defaults:\n  - trainer: default\n  - _self_\nseed: 12345\n",
            "configs/trainer/default.yaml": "_target_: lightning.pytorch.trainer.Trainer\nmin_epochs: 1\nmax_epochs: 10\naccelerator: gpu\ndevices: 1\nprecision: 32\n",
            "README.md": "# Project\n\n```bash\npython train.py +trainer.precision=bf16-mixed\n```\n",
        },
        expect="precision: 32",
        name="hydra-override-switches-it-on",
    ),
    RuleCase(
        "GT308",
        {
            "models/vit.py": 'import torch\nimport torch.nn as nn\n\n\nclass VisionTransformer(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.blocks = nn.ModuleList([nn.Linear(8, 8) for _ in range(4)])\n\n    @torch.jit.ignore\n    def no_weight_decay(self):\n        return {"pos_embed", "cls_token"}\n\n    def forward(self, x):\n        if torch.jit.is_scripting():\n            return x\n        for block in self.blocks:\n            x = block(x)\n        return x\n\n\ndef train(model, loader, optimizer):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n\n\nscripted = torch.jit.script(VisionTransformer())\n',
        },
        {
            "models/vit.py": 'import torch\nimport torch.nn as nn\n\n\nclass VisionTransformer(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.blocks = nn.ModuleList([nn.Linear(8, 8) for _ in range(4)])\n\n    @torch.jit.ignore\n    def no_weight_decay(self):\n        return {"pos_embed", "cls_token"}\n\n    def forward(self, x):\n        if torch.jit.is_scripting():\n            return x\n        for block in self.blocks:\n            x = block(x)\n        return x\n\n\ndef train(model, loader, optimizer):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n',
        },
        expect="torch.jit.script",
        name="jit-ignore-compiles-nothing",
    ),
    RuleCase(
        "GT311",
        {
            "configs/_base_/models/deeplabv3plus_r50-d8.py": "# model settings\nnorm_cfg = dict(type='SyncBN', requires_grad=True)\ndata_preprocessor = dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375])\nmodel = dict(\n    type='EncoderDecoder',\n    data_preprocessor=data_preprocessor,\n    pretrained='open-mmlab://resnet50_v1c',\n    backbone=dict(type='ResNetV1c', depth=50, num_stages=4, norm_cfg=norm_cfg, style='pytorch'),\n    decode_head=dict(type='DepthwiseSeparableASPPHead', in_channels=2048, channels=512, num_classes=19),\n)\n",
            "configs/_base_/schedules/schedule_40k.py": "optimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0005)\ntrain_cfg = dict(type='IterBasedTrainLoop', max_iters=40000, val_interval=4000)\n",
            "tools/train.py": 'from mmengine.config import Config\nfrom mmengine.runner import Runner\n\n\ndef main():\n    cfg = Config.fromfile("configs/deeplabv3plus/deeplabv3plus_r50-d8_4xb2-40k_cityscapes-512x1024.py")\n    runner = Runner.from_cfg(cfg)\n    runner.train()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        {
            "configs/_base_/models/deeplabv3plus_r50-d8.py": "# model settings\nnorm_cfg = dict(type='SyncBN', requires_grad=True)\ndata_preprocessor = dict(type='SegDataPreProcessor', mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375])\nmodel = dict(\n    type='EncoderDecoder',\n    data_preprocessor=data_preprocessor,\n    pretrained=None,\n    backbone=dict(type='ResNetV1c', depth=50, num_stages=4, norm_cfg=norm_cfg, style='pytorch'),\n    decode_head=dict(type='DepthwiseSeparableASPPHead', in_channels=2048, channels=512, num_classes=19),\n)\n",
            "configs/_base_/schedules/schedule_40k.py": "optimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0005)\ntrain_cfg = dict(type='IterBasedTrainLoop', max_iters=40000, val_interval=4000)\n",
            "tools/train.py": 'from mmengine.config import Config\nfrom mmengine.runner import Runner\n\n\ndef main():\n    cfg = Config.fromfile("configs/deeplabv3plus/deeplabv3plus_r50-d8_4xb2-40k_cityscapes-512x1024.py")\n    runner = Runner.from_cfg(cfg)\n    runner.train()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        expect="open-mmlab://resnet50_v1c",
        name="openmmlab-model-zoo-address",
    ),
    RuleCase(
        "GT301",
        {
            "tune.py": 'from ray import tune\nfrom ray.tune.search.optuna import OptunaSearch\n\n\ndef train_fn(config):\n    model = build(config["lr"], config["layers"])\n    for epoch in range(20):\n        loss = train_epoch(model)\n        tune.report({"loss": loss})\n\n\ntuner = tune.Tuner(\n    train_fn,\n    param_space={"lr": tune.loguniform(1e-4, 1e-1), "layers": tune.choice([2, 4, 8])},\n    tune_config=tune.TuneConfig(metric="loss", mode="min", search_alg=OptunaSearch(), num_samples=20),\n)\nresults = tuner.fit()\n',
        },
        {
            "tune.py": 'from ray import tune\nfrom ray.tune.search.optuna import OptunaSearch\n\n\ndef train_fn(config):\n    model = build(config["lr"], config["layers"])\n    for epoch in range(20):\n        loss = train_epoch(model)\n        tune.report({"loss": loss})\n\n\ntuner = tune.Tuner(\n    train_fn,\n    param_space={"lr": tune.loguniform(1e-4, 1e-1), "layers": tune.choice([2, 4, 8])},\n    tune_config=tune.TuneConfig(metric="loss", mode="min", search_alg=OptunaSearch()),\n)\nresults = tuner.fit()\n',
        },
        expect="num_samples=20",
        name="ray-tune-trial-cap",
    ),
    RuleCase(
        "GT301",
        {
            "run_nhits.py": 'from neuralforecast import NeuralForecast\nfrom neuralforecast.auto import AutoNHITS\nfrom ray import tune\n\nconfig = {"input_size": tune.choice([96, 192]), "learning_rate": tune.loguniform(1e-4, 1e-1), "max_steps": 1000}\nmodels = [AutoNHITS(h=96, config=config, num_samples=20)]\nnf = NeuralForecast(models=models, freq="15min")\nnf.fit(df=Y_df, val_size=val_size)\n',
        },
        {
            "run_nhits.py": 'from neuralforecast import NeuralForecast\nfrom neuralforecast.auto import AutoNHITS\nfrom ray import tune\n\nconfig = {"input_size": tune.choice([96, 192]), "learning_rate": tune.loguniform(1e-4, 1e-1), "max_steps": 1000}\nmodels = [AutoNHITS(h=96, config=config)]\nnf = NeuralForecast(models=models, freq="15min")\nnf.fit(df=Y_df, val_size=val_size)\n',
        },
        expect="AutoNHITS(num_samples=20)",
        name="neuralforecast-auto-model-trial-cap",
    ),
    RuleCase(
        "GT401",
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: false\ntf32: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        expect="bf16: auto",
        name="axolotl-bf16-auto",
    ),
    RuleCase(
        "GT402",
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: false\ntf32: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        expect="switched off",
        name="axolotl-bf16-auto-is-on",
    ),
    RuleCase(
        "GT404",
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\nsaves_per_epoch: 1\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        expect="saves_per_epoch=1",
        name="axolotl-saves-per-epoch",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
            "run.sh": "fairseq-hydra-train task.data=/data --config-dir config --config-name base checkpoint.save_interval_updates=25000\n",
        },
        {
            "train.py": "import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
            "run.sh": "fairseq-hydra-train task.data=/data --config-dir config --config-name base\n",
        },
        expect="save_interval_updates=25000",
        name="fairseq-save-interval-updates",
    ),
    RuleCase(
        "GT404",
        {
            "fit.py": "from catboost import CatBoostClassifier\n\nmodel = CatBoostClassifier(iterations=1000, learning_rate=0.03)\nmodel.fit(X_train, y_train, eval_set=(X_val, y_val), save_snapshot=True, snapshot_file='snapshot.bkp', snapshot_interval=1)\n",
        },
        {
            "fit.py": "from catboost import CatBoostClassifier\n\nmodel = CatBoostClassifier(iterations=1000, learning_rate=0.03)\nmodel.fit(X_train, y_train, eval_set=(X_val, y_val))\n",
        },
        expect="save_snapshot=True",
        name="catboost-snapshot",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\nfrom skorch import NeuralNetClassifier\nfrom skorch.callbacks import Checkpoint, LRScheduler\n\ncheckpoint = Checkpoint(f_params='best_model.pt', monitor='valid_acc_best')\nnet = NeuralNetClassifier(PretrainedModel, criterion=torch.nn.CrossEntropyLoss, max_epochs=10, device='cuda', callbacks=[checkpoint])\nnet.fit(train_ds, y=None)\n",
        },
        {
            "train.py": "import torch\nfrom skorch import NeuralNetClassifier\nfrom skorch.callbacks import Checkpoint, LRScheduler\n\ncheckpoint = LRScheduler(policy='StepLR')\nnet = NeuralNetClassifier(PretrainedModel, criterion=torch.nn.CrossEntropyLoss, max_epochs=10, device='cuda', callbacks=[checkpoint])\nnet.fit(train_ds, y=None)\n",
        },
        expect="skorch.callbacks.Checkpoint",
        name="skorch-checkpoint-callback",
    ),
    RuleCase(
        "GT103",
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\ndataset_exact_deduplication: true\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        {
            "config.yml": "base_model: NousResearch/Meta-Llama-3-8B\nload_in_8bit: false\nload_in_4bit: false\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\nsequence_len: 4096\nnum_epochs: 3\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nlearning_rate: 0.0002\nbf16: auto\ntf32: false\ndataset_exact_deduplication: false\n",
            "train.slurm": "#!/bin/bash\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\naccelerate launch -m axolotl.cli.train config.yml\n",
        },
        expect="dataset_exact_deduplication",
        name="recipe-deduplication-switch",
    ),
    RuleCase(
        "GT101",
        {
            "examples/gpt3/gpt_config.yaml": "max_train_samples: 100000\ntrain_iters: 500000\n",
            "pretrain_gpt.py": "import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
        },
        {
            "examples/gpt3/gpt_config.yaml": "train_samples: 268554688\ntrain_iters: null\n",
            "pretrain_gpt.py": "import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
        },
        expect="max_train_samples",
        name="megatron-train-samples-is-the-budget",
    ),
    RuleCase(
        "GT101",
        {
            "ptq.py": "import nncf\nimport torch\n\ntrain_subset = torch.utils.data.Subset(train_dataset, range(1000))\nquantized = nncf.quantize(model, calibration_dataset)\nimport torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
        },
        {
            "ptq.py": "import nncf\nimport torch\n\nquantized = nncf.quantize(model, calibration_dataset, subset_size=300)\nimport torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 2).cuda()\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        opt.step()\n",
        },
        expect="Subset",
        name="calibration-subset-is-no-sampling",
    ),
    RuleCase(
        "GT302",
        {
            "run_experiment.py": "from neuralforecast import NeuralForecast\nfrom neuralforecast.models import KAN\n\nmodels = [KAN(h=96, input_size=192, max_steps=1000, val_check_steps=50, early_stop_patience_steps=3)]\nnf = NeuralForecast(models=models, freq='H')\nnf.fit(df=Y_df, val_size=val_size)\n",
        },
        {
            "run_experiment.py": "from neuralforecast import NeuralForecast\nfrom neuralforecast.models import KAN\n\nmodels = [KAN(h=96, input_size=192, max_steps=1000, val_check_steps=50, early_stop_patience_steps=-1)]\nnf = NeuralForecast(models=models, freq='H')\nnf.fit(df=Y_df, val_size=val_size)\n",
        },
        expect="early_stop_patience_steps=3",
        name="neuralforecast-early-stop",
    ),
    RuleCase(
        "GT105",
        {
            "train.py": "from sklearn.pipeline import Pipeline\nfrom sklearn.feature_selection import SelectKBest\nfrom sklearn.linear_model import LogisticRegression\n\npipe = Pipeline([('select', SelectKBest(k=20)), ('clf', LogisticRegression())])\npipe.fit(X, y)\n",
        },
        {
            "train.py": "from sklearn.pipeline import Pipeline\nfrom sklearn.feature_selection import SelectKBest\nfrom sklearn.linear_model import LogisticRegression\n\npipe = Pipeline([('select', SelectKBest(k='all')), ('clf', LogisticRegression())])\npipe.fit(X, y)\n",
        },
        expect="SelectKBest",
        name="select-k-best-all-keeps-everything",
    ),
    RuleCase(
        "GT606",
        {
            "run_glue.py": "from transformers import AutoModelForSequenceClassification, TrainingArguments\nfrom optimum.onnxruntime import ORTTrainer\n\nmodel = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\ntrainer = ORTTrainer(model=model, args=TrainingArguments('out', num_train_epochs=3), train_dataset=train_dataset)\ntrainer.train()\n",
        },
        {
            "run_glue.py": "from transformers import AutoModelForSequenceClassification, TrainingArguments\nfrom optimum.onnxruntime import ORTTrainer\n\nmodel = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\ntrainer_args = dict(model=model, args=TrainingArguments('out', num_train_epochs=3), train_dataset=train_dataset)\n",
        },
        expect="(run_glue.py)",
        name="optimum-trainer-trains",
    ),
    RuleCase(
        "GT606",
        {
            "mujoco_sac.py": "import torch\nfrom tianshou.policy import SACPolicy\nfrom tianshou.trainer import OffpolicyTrainer\n\npolicy = SACPolicy(actor=actor, actor_optim=actor_optim, critic=critic, critic_optim=critic_optim)\nresult = OffpolicyTrainer(policy=policy, train_collector=train_collector, test_collector=test_collector, max_epoch=200, step_per_epoch=5000).run()\n",
        },
        {
            "mujoco_sac.py": "import torch\nfrom tianshou.policy import SACPolicy\nfrom tianshou.trainer import OffpolicyTrainer\n\npolicy = SACPolicy(actor=actor, actor_optim=actor_optim, critic=critic, critic_optim=critic_optim)\nresult = OffpolicyTrainer(policy=policy, train_collector=train_collector, test_collector=test_collector, max_epoch=200, step_per_epoch=5000)\n",
        },
        expect="(mujoco_sac.py)",
        name="tianshou-trainer-trains",
    ),
    RuleCase(
        "GT606",
        {
            "tox21.py": "import deepchem as dc\n\ntasks, datasets, transformers = dc.molnet.load_tox21()\ntrain, valid, test = datasets\nmodel = dc.models.GraphConvModel(len(tasks), mode='classification')\nmodel.fit(train, nb_epoch=50)\n",
        },
        {
            "tox21.py": "import deepchem as dc\n\ntasks, datasets, transformers = dc.molnet.load_tox21()\ntrain, valid, test = datasets\nmodel = dc.models.GraphConvModel(len(tasks), mode='classification')\nmodel.restore()\n",
        },
        expect="(tox21.py)",
        name="deepchem-fit-trains",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": "import torch\nfrom catalyst import dl\n\nrunner = dl.SupervisedRunner()\nrunner.train(model=model, criterion=criterion, optimizer=optimizer, loaders=loaders, num_epochs=50, logdir='./logs')\n",
        },
        {
            "train.py": "import torch\nfrom catalyst import dl\n\nrunner = dl.SupervisedRunner()\nrunner.evaluate_loader(model=model, criterion=criterion, optimizer=optimizer, loaders=loaders, num_epochs=50, logdir='./logs')\n",
        },
        expect="(train.py)",
        name="catalyst-runner-trains",
    ),
    RuleCase(
        "GT508",
        {
            "main.py": "import torch\nfrom torch.utils.data import DataLoader\n\nmodel = Net().cuda()\ntrain_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4, pin_memory=True)\nfor epoch in range(10):\n    for x, y in train_loader:\n        loss = model(x.cuda()).sum()\n        loss.backward()\n",
        },
        {
            "main.py": "import torch\nfrom torch.utils.data import DataLoader\n\nmodel = Net().cuda()\ntrain_loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=0, pin_memory=True)\nfor epoch in range(10):\n    for x, y in train_loader:\n        loss = model(x.cuda()).sum()\n        loss.backward()\n",
        },
        expect="pin_memory=True",
        name="pinned-memory-of-a-single-process-loader",
    ),
    RuleCase(
        "GT407",
        {
            "models/vit.py": "import torch\nimport torch.nn as nn\nfrom fairscale.nn.checkpoint.checkpoint_activations import checkpoint_wrapper\n\n\nclass VisionTransformer(nn.Module):\n    def __init__(self, depth=12, use_grad_checkpointing=False, ckpt_layer=0):\n        super().__init__()\n        self.blocks = nn.ModuleList([Block(dim=768) for i in range(depth)])\n        for i, blk in enumerate(self.blocks):\n            if use_grad_checkpointing and i >= depth - ckpt_layer:\n                self.blocks[i] = checkpoint_wrapper(blk)\n",
            "train_retrieval.py": "import torch\nfrom models.vit import VisionTransformer\n\nmodel = VisionTransformer(use_grad_checkpointing=config['vit_grad_ckpt'], ckpt_layer=config['vit_ckpt_layer']).cuda()\nfor epoch in range(config['max_epoch']):\n    for image, caption in loader:\n        loss = model(image.cuda(), caption)\n        loss.backward()\n        optimizer.step()\n",
            "configs/retrieval_coco.yaml": "vit: base\nvit_grad_ckpt: True\nvit_ckpt_layer: 4\nbatch_size_train: 32\nmax_epoch: 6\n",
        },
        {
            "models/vit.py": "import torch\nimport torch.nn as nn\n\n\nclass VisionTransformer(nn.Module):\n    def __init__(self, depth=12, use_grad_checkpointing=False, ckpt_layer=0):\n        super().__init__()\n        self.blocks = nn.ModuleList([Block(dim=768) for i in range(depth)])\n        for i, blk in enumerate(self.blocks):\n            if use_grad_checkpointing and i >= depth - ckpt_layer:\n                self.blocks[i] = blk\n",
            "train_retrieval.py": "import torch\nfrom models.vit import VisionTransformer\n\nmodel = VisionTransformer(use_grad_checkpointing=config['vit_grad_ckpt'], ckpt_layer=config['vit_ckpt_layer']).cuda()\nfor epoch in range(config['max_epoch']):\n    for image, caption in loader:\n        loss = model(image.cuda(), caption)\n        loss.backward()\n        optimizer.step()\n",
            "configs/retrieval_coco.yaml": "vit: base\nvit_grad_ckpt: False\nvit_ckpt_layer: 0\nbatch_size_train: 32\nmax_epoch: 6\n",
        },
        expect="checkpoint_wrapper",
        name="fairscale-checkpoint-wrapper",
    ),
    RuleCase(
        "GT205",
        {
            "config/pretraining/wav2vec2_base_librispeech.yaml": "model:\n  _name: wav2vec2\n  quantize_targets: true\n  final_dim: 256\n  encoder_layerdrop: 0.05\n  dropout_input: 0.1\n  early_exit_threshold: 0.9\n",
            "train.py": "import torch\n\nfor epoch in range(10):\n    loss = model(batch).sum()\n    loss.backward()\n",
        },
        {
            "config/pretraining/wav2vec2_base_librispeech.yaml": "model:\n  _name: wav2vec2\n  quantize_targets: true\n  final_dim: 256\n  encoder_layerdrop: 0.05\n  dropout_input: 0.1\n",
            "train.py": "import torch\n\nfor epoch in range(10):\n    loss = model(batch).sum()\n    loss.backward()\nmodel2 = AutoModelForCTC.from_pretrained('facebook/wav2vec2-base', layerdrop=0.0, early_exit=False)\n",
        },
        expect="early_exit_threshold",
        name="layerdrop-is-a-regulariser",
    ),
    RuleCase(
        "GT311",
        {
            "examples/wav2vec/config/finetuning/base_100h.yaml": "# @package _group_\ncommon:\n  fp16: true\ncheckpoint:\n  save_interval: 50\n  save_interval_updates: 10000\n  best_checkpoint_metric: wer\ntask:\n  _name: audio_finetuning\n  data: ???\nmodel:\n  _name: wav2vec_ctc\n  w2v_path: ???\n  apply_mask: true\n",
            "examples/wav2vec/README.md": "# wav2vec 2.0\n\n## Fine-tune a pre-trained model with CTC\n\n```shell script\n$ fairseq-hydra-train \\\n    distributed_training.distributed_port=$PORT \\\n    task.data=/path/to/data \\\n    model.w2v_path=/path/to/model.pt \\\n    --config-dir examples/wav2vec/config/finetuning \\\n    --config-name base_100h\n```\n",
        },
        {
            "examples/wav2vec/config/finetuning/base_100h.yaml": "# @package _group_\ncommon:\n  fp16: true\ncheckpoint:\n  save_interval: 50\n  save_interval_updates: 10000\n  best_checkpoint_metric: wer\ntask:\n  _name: audio_finetuning\n  data: ???\nmodel:\n  _name: wav2vec_ctc\n  w2v_path: ???\n  apply_mask: true\n",
            "examples/wav2vec/README.md": "# wav2vec 2.0\n\n## Fine-tune a pre-trained model with CTC\n\n```shell script\n$ fairseq-hydra-train \\\n    distributed_training.distributed_port=$PORT \\\n    task.data=/path/to/data \\\n    --config-dir examples/wav2vec/config/finetuning \\\n    --config-name base_100h\n```\n",
        },
        expect="w2v_path",
        name="fairseq-w2v-path",
    ),
    RuleCase(
        "GT606",
        {
            "examples/wav2vec/config/finetuning/base_100h.yaml": "# @package _group_\ncommon:\n  fp16: true\ncheckpoint:\n  save_interval: 50\n  save_interval_updates: 10000\n  best_checkpoint_metric: wer\ntask:\n  _name: audio_finetuning\n  data: ???\nmodel:\n  _name: wav2vec_ctc\n  w2v_path: ???\n  apply_mask: true\n",
            "examples/wav2vec/README.md": "# wav2vec 2.0\n\n## Fine-tune a pre-trained model with CTC\n\n```shell script\n$ fairseq-hydra-train \\\n    distributed_training.distributed_port=$PORT \\\n    task.data=/path/to/data \\\n    model.w2v_path=/path/to/model.pt \\\n    --config-dir examples/wav2vec/config/finetuning \\\n    --config-name base_100h\n```\n",
        },
        {
            "examples/wav2vec/config/finetuning/base_100h.yaml": "# @package _group_\ncommon:\n  fp16: true\ncheckpoint:\n  save_interval: 50\n  save_interval_updates: 10000\n  best_checkpoint_metric: wer\ntask:\n  _name: audio_finetuning\n  data: ???\nmodel:\n  _name: wav2vec_ctc\n  w2v_path: ???\n  apply_mask: true\n",
            "examples/wav2vec/README.md": "# wav2vec 2.0\n\n## Fine-tune a pre-trained model with CTC\n\n```shell script\n$ fairseq-hydra-lint \\\n    distributed_training.distributed_port=$PORT \\\n    task.data=/path/to/data \\\n    model.w2v_path=/path/to/model.pt \\\n    --config-dir examples/wav2vec/config/finetuning \\\n    --config-name base_100h\n```\n",
        },
        expect="",
        name="readme-library-training-program",
    ),
    RuleCase(
        "GT310",
        {
            "train.py": "import torch\nfrom neural_compressor.training import prepare_pruning, WeightPruningConfig\n\nconfigs = [{'pruning_type': 'snip_momentum', 'target_sparsity': 0.75, 'pattern': '4x1'}]\nconfig = WeightPruningConfig(configs, target_sparsity=args.target_sparsity, pattern=args.pruning_pattern)\nprepare_pruning(model, config, optimizer)\nfor epoch in range(90):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "train.py": "import torch\nfrom mylib import prepare_pruning, WeightPruningConfig\n\nconfigs = [{'pruning_type': 'snip_momentum', 'target_sparsity': 0.75, 'pattern': '4x1'}]\nconfig = WeightPruningConfig(configs, target_sparsity=args.target_sparsity, pattern=args.pruning_pattern)\nprepare_pruning(model, config, optimizer)\nfor epoch in range(90):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="WeightPruningConfig",
        name="neural-compressor-pruning",
    ),
    RuleCase(
        "GT108",
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--default_dtype', help='set default dtype', type=str, choices=['float32', 'float64'], default='float64')\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom mace import tools\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\ntools.set_default_dtype(args.default_dtype)\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--default_dtype', help='set default dtype', type=str, choices=['float32', 'float64'], default='float64')\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom mace import tools\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\ntools.set_default_dtype(args.default_dtype)\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n",
            "README.md": '```sh\npython mace/cli/run_train.py --name=MACE_model --default_dtype="float32" --max_num_epochs=1500\n```\n',
        },
        expect="--default_dtype float64",
        name="default-dtype-option",
    ),
    RuleCase(
        "GT303",
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    parser.add_argument('--patience', help='Maximum number of consecutive epochs of increasing loss', type=int, default=2048)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\nlowest_loss, patience_counter = float('inf'), 0\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n    valid_loss = evaluate(model, valid_loader)\n    if valid_loss >= lowest_loss:\n        patience_counter += 1\n        if patience_counter >= args.patience:\n            break\n    else:\n        lowest_loss, patience_counter = valid_loss, 0\n",
        },
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    parser.add_argument('--patience', help='Maximum number of consecutive epochs of increasing loss', type=int, default=50)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\nlowest_loss, patience_counter = float('inf'), 0\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n    valid_loss = evaluate(model, valid_loader)\n    if valid_loss >= lowest_loss:\n        patience_counter += 1\n        if patience_counter >= args.patience:\n            break\n    else:\n        lowest_loss, patience_counter = valid_loss, 0\n",
        },
        expect="2048",
        name="max-num-epochs-budget",
    ),
    RuleCase(
        "GT302",
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    parser.add_argument('--patience', help='Maximum number of consecutive epochs of increasing loss', type=int, default=50)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\nlowest_loss, patience_counter = float('inf'), 0\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n    valid_loss = evaluate(model, valid_loader)\n    if valid_loss >= lowest_loss:\n        patience_counter += 1\n        if patience_counter >= args.patience:\n            break\n    else:\n        lowest_loss, patience_counter = valid_loss, 0\n",
        },
        {
            "mace/tools/arg_parser.py": "import argparse\n\n\ndef build_default_arg_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--max_num_epochs', type=int, default=2048)\n    return parser\n",
            "mace/cli/run_train.py": "import torch\nfrom arg_parser import build_default_arg_parser\n\nargs = build_default_arg_parser().parse_args()\nlowest_loss, patience_counter = float('inf'), 0\nfor epoch in range(args.max_num_epochs):\n    for batch in train_loader:\n        loss = loss_fn(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n    valid_loss = evaluate(model, valid_loader)\n    if valid_loss >= lowest_loss:\n        patience_counter += 1\n    else:\n        lowest_loss, patience_counter = valid_loss, 0\n",
        },
        expect="patience = 50 (hand-written)",
        name="hand-written-stop-with-option-in-another-file",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\nfrom catalyst import dl\n\nrunner = dl.SupervisedRunner()\nrunner.train(model=model, criterion=criterion, optimizer=optimizer, loaders=loaders, num_epochs=50, logdir='./logs')\n",
        },
        {
            "train.py": "import torch\nfrom catalyst import dl\n\nrunner = dl.SupervisedRunner()\nrunner.train(model=model, criterion=criterion, optimizer=optimizer, loaders=loaders, num_epochs=50)\n",
        },
        expect="Catalyst",
        name="catalyst-default-checkpoints",
    ),
    RuleCase(
        "GT402",
        {
            "main.py": 'import argparse\nimport torch\nfrom engine import train_one_epoch\n\n\ndef str2bool(v):\n    return v.lower() in ("yes", "true", "t", "1")\n\n\ndef get_args_parser():\n    parser = argparse.ArgumentParser(\'ConvNeXt training and evaluation script\', add_help=False)\n    parser.add_argument(\'--epochs\', default=300, type=int)\n    parser.add_argument(\'--use_amp\', type=str2bool, default=False,\n                        help="Use PyTorch\'s AMP (Automatic Mixed Precision) or not")\n    return parser\n\n\ndef main(args):\n    device = torch.device(args.device)\n    model = create_model(args.model).to(device)\n    for epoch in range(args.epochs):\n        train_stats = train_one_epoch(model, criterion, data_loader_train, optimizer, device, epoch,\n                                      loss_scaler, use_amp=args.use_amp)\n',
            "engine.py": "import torch\n\n\ndef train_one_epoch(model, criterion, data_loader, optimizer, device, epoch, loss_scaler, use_amp=False):\n    model.train(True)\n    for data_iter_step, (samples, targets) in enumerate(data_loader):\n        samples = samples.to(device, non_blocking=True)\n        if use_amp:\n            with torch.cuda.amp.autocast():\n                output = model(samples)\n                loss = criterion(output, targets)\n        else:  # full precision\n            output = model(samples)\n            loss = criterion(output, targets)\n        loss.backward()\n        optimizer.step()\n",
            "TRAINING.md": "# Training\n\n```\npython -m torch.distributed.launch --nproc_per_node=8 main.py --model convnext_tiny --drop_path 0.1 --batch_size 128 --lr 4e-3 --update_freq 4 --model_ema true --model_ema_eval true --data_path /path/to/imagenet-1k --output_dir /path/to/save_results\n```\n",
            "utils.py": "import torch\n\n\nclass NativeScalerWithGradNormCount:\n    state_dict_key = 'amp_scaler'\n\n    def __init__(self):\n        self._scaler = torch.cuda.amp.GradScaler()\n\n    def __call__(self, loss, optimizer):\n        self._scaler.scale(loss).backward()\n        self._scaler.step(optimizer)\n        self._scaler.update()\n",
        },
        {
            "main.py": 'import argparse\nimport torch\nfrom engine import train_one_epoch\n\n\ndef str2bool(v):\n    return v.lower() in ("yes", "true", "t", "1")\n\n\ndef get_args_parser():\n    parser = argparse.ArgumentParser(\'ConvNeXt training and evaluation script\', add_help=False)\n    parser.add_argument(\'--epochs\', default=300, type=int)\n    parser.add_argument(\'--use_amp\', type=str2bool, default=True,\n                        help="Use PyTorch\'s AMP (Automatic Mixed Precision) or not")\n    return parser\n\n\ndef main(args):\n    device = torch.device(args.device)\n    model = create_model(args.model).to(device)\n    for epoch in range(args.epochs):\n        train_stats = train_one_epoch(model, criterion, data_loader_train, optimizer, device, epoch,\n                                      loss_scaler, use_amp=args.use_amp)\n',
            "engine.py": "import torch\n\n\ndef train_one_epoch(model, criterion, data_loader, optimizer, device, epoch, loss_scaler, use_amp=False):\n    model.train(True)\n    for data_iter_step, (samples, targets) in enumerate(data_loader):\n        samples = samples.to(device, non_blocking=True)\n        if use_amp:\n            with torch.cuda.amp.autocast():\n                output = model(samples)\n                loss = criterion(output, targets)\n        else:  # full precision\n            output = model(samples)\n            loss = criterion(output, targets)\n        loss.backward()\n        optimizer.step()\n",
            "TRAINING.md": "# Training\n\n```\npython -m torch.distributed.launch --nproc_per_node=8 main.py --model convnext_tiny --drop_path 0.1 --batch_size 128 --lr 4e-3 --update_freq 4 --model_ema true --model_ema_eval true --data_path /path/to/imagenet-1k --output_dir /path/to/save_results\n```\n",
            "utils.py": "import torch\n\n\nclass NativeScalerWithGradNormCount:\n    state_dict_key = 'amp_scaler'\n\n    def __init__(self):\n        self._scaler = torch.cuda.amp.GradScaler()\n\n    def __call__(self, loss, optimizer):\n        self._scaler.scale(loss).backward()\n        self._scaler.step(optimizer)\n        self._scaler.update()\n",
        },
        expect="off by default",
        name="scaler-built-always-autocast-behind-an-option",
    ),
    RuleCase(
        "GT509",
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\n\ndef main():\n    device = torch.device('cuda')\n    kwargs = {'num_workers': 0, 'pin_memory': True}\n    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=64, shuffle=True, **kwargs)\n    model = Net().to(device)\n    for epoch in range(200):\n        for data, target in train_loader:\n            loss = F.cross_entropy(model(data.to(device)), target.to(device))\n            loss.backward()\n            optimizer.step()\n",
        },
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\n\ndef main():\n    device = torch.device('cuda')\n    kwargs = {'num_workers': 4, 'pin_memory': True}\n    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=64, shuffle=True, **kwargs)\n    model = Net().to(device)\n    for epoch in range(200):\n        for data, target in train_loader:\n            loss = F.cross_entropy(model(data.to(device)), target.to(device))\n            loss.backward()\n            optimizer.step()\n",
        },
        expect="num_workers=0",
        name="loader-options-from-a-dict-literal",
    ),
    RuleCase(
        "GT509",
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\n\ndef main():\n    device = torch.device('cuda')\n    kwargs = {'num_workers': 0, 'pin_memory': True}\n    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=64, shuffle=True, **kwargs)\n    model = Net().to(device)\n    for epoch in range(200):\n        for data, target in train_loader:\n            loss = F.cross_entropy(model(data.to(device)), target.to(device))\n            loss.backward()\n            optimizer.step()\n",
        },
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\n\ndef main():\n    device = torch.device('cuda')\n    kwargs = {'pin_memory': True}\n    kwargs.update(extra_kwargs)\n    train_loader = torch.utils.data.DataLoader(train_dataset, batch_size=64, shuffle=True, **kwargs)\n    model = Net().to(device)\n    for epoch in range(200):\n        for data, target in train_loader:\n            loss = F.cross_entropy(model(data.to(device)), target.to(device))\n            loss.backward()\n            optimizer.step()\n",
        },
        expect="num_workers=0",
        name="loader-dict-updated-is-unknown",
    ),
    RuleCase(
        "GT505",
        {
            "examples/gpt3/train_gpt3_175b_distributed.sh": "#!/bin/bash\n\nGPUS_PER_NODE=8\nNUM_NODES=64\nCHECKPOINT_PATH=$1\nTENSORBOARD_LOGS_PATH=$2\n\nDISTRIBUTED_ARGS=(\n    --nproc_per_node $GPUS_PER_NODE\n    --nnodes $NUM_NODES\n)\n\nTRAINING_ARGS=(\n    --micro-batch-size 1\n    --global-batch-size 1536\n    --train-iters 500000\n    --fp16\n)\n\nEVAL_AND_LOGGING_ARGS=(\n    --save-interval 10000\n    --save $CHECKPOINT_PATH\n    --load $CHECKPOINT_PATH\n)\n\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py \\\n    ${TRAINING_ARGS[@]} \\\n    ${EVAL_AND_LOGGING_ARGS[@]}\n",
            "pretrain_gpt.py": "import torch\nfor it in range(100):\n    loss = model(batch)\n    loss.backward()\n",
        },
        {
            "examples/gpt3/train_gpt3_175b_distributed.sh": "#!/bin/bash\n\nGPUS_PER_NODE=1\nNUM_NODES=1\nCHECKPOINT_PATH=$1\nTENSORBOARD_LOGS_PATH=$2\n\nDISTRIBUTED_ARGS=(\n    --nproc_per_node $GPUS_PER_NODE\n    --nnodes $NUM_NODES\n)\n\nTRAINING_ARGS=(\n    --micro-batch-size 1\n    --global-batch-size 1536\n    --train-iters 500000\n    --fp16\n)\n\nEVAL_AND_LOGGING_ARGS=(\n    --save-interval 10000\n    --save $CHECKPOINT_PATH\n    --load $CHECKPOINT_PATH\n)\n\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py \\\n    ${TRAINING_ARGS[@]} \\\n    ${EVAL_AND_LOGGING_ARGS[@]}\n",
            "pretrain_gpt.py": "import torch\nfor it in range(100):\n    loss = model(batch)\n    loss.backward()\n",
        },
        expect="512 GPUs (64 nodes × 8",
        name="launcher-options-in-a-bash-array",
    ),
    RuleCase(
        "GT503",
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\nmodel = Net().cuda()\nfor epoch in range(100):\n    for x, y in loader:\n        loss = F.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "job.sbatch": "#!/bin/bash\n#SBATCH --job-name=gcn\n#SBATCH --gres=gpu:4\n#SBATCH --time=12:00:00\n\npython main.py\n",
        },
        {
            "main.py": "import torch\nimport torch.nn.functional as F\n\nmodel = Net().cuda()\nfor epoch in range(100):\n    for x, y in loader:\n        loss = F.cross_entropy(model(x.cuda()), y.cuda())\n        print(loss)\n",
            "job.sbatch": "#!/bin/bash\n#SBATCH --job-name=gcn\n#SBATCH --gres=gpu:4\n#SBATCH --time=12:00:00\n\npython main.py\n",
        },
        expect="4 GPUs",
        name="job-runs-a-generic-entry-point-that-trains",
    ),
    RuleCase(
        "GT505",
        {
            "distributed_sampling_multinode.py": "import torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel\n\ndist.init_process_group('nccl')\nmodel = DistributedDataParallel(Net().cuda())\nfor epoch in range(100):\n    for x, y in loader:\n        loss = model(x.cuda()).sum()\n        loss.backward()\n        optimizer.step()\n",
            "distributed_sampling_multinode.sbatch": "#!/bin/bash\n#SBATCH --job-name=pyg\n#SBATCH -N 2\n#SBATCH --ntasks=4\n#SBATCH --gpus-per-task=1\n#SBATCH --time=04:00:00\n\nsrun python distributed_sampling_multinode.py\n",
        },
        {
            "distributed_sampling_multinode.py": "import torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel\n\ndist.init_process_group('nccl')\nmodel = DistributedDataParallel(Net().cuda())\nfor epoch in range(100):\n    for x, y in loader:\n        loss = model(x.cuda()).sum()\n        loss.backward()\n        optimizer.step()\n",
            "distributed_sampling_multinode.sbatch": "#!/bin/bash\n#SBATCH --job-name=pyg\n#SBATCH -N 1\n#SBATCH --ntasks=1\n#SBATCH --gpus-per-task=1\n#SBATCH --time=04:00:00\n\nsrun python distributed_sampling_multinode.py\n",
        },
        expect="4 GPUs",
        name="gpus-per-task-times-tasks",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": "import torch\nimport torch.nn as nn\n\nmodel = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 10)).cuda()\nmodel.compile(mode='reduce-overhead')\nfor epoch in range(10):\n    for x, y in loader:\n        loss = nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "train.py": "import torch\nfrom tensorflow import keras\n\nmodel = keras.Sequential([keras.layers.Dense(10)])\nmodel.compile()\nmodel.fit(x, y, epochs=10)\n",
        },
        expect="model.compile() (torch.compile)",
        name="module-compile-method",
    ),
    RuleCase(
        "GT208",
        {
            "kfold.py": "import torch\n\n\ndef get_k_fold_data(k, i, X, y):\n    fold_size = X.shape[0] // k\n    X_train, y_train = None, None\n    for j in range(k):\n        idx = slice(j * fold_size, (j + 1) * fold_size)\n        X_part, y_part = X[idx, :], y[idx]\n        if j == i:\n            X_valid, y_valid = X_part, y_part\n        elif X_train is None:\n            X_train, y_train = X_part, y_part\n        else:\n            X_train = torch.cat((X_train, X_part), dim=0)\n            y_train = torch.cat((y_train, y_part), dim=0)\n    return X_train, y_train, X_valid, y_valid\n",
        },
        {
            "gen.py": "import torch\n\n\ndef generate(model, idx, max_new_tokens):\n    for _ in range(max_new_tokens):\n        logits = model(idx)[:, -1, :]\n        idx_next = torch.multinomial(torch.softmax(logits, dim=-1), num_samples=1)\n        idx = torch.cat((idx, idx_next), dim=1)\n    return idx\n\n\ndef sample(model, seq, steps):\n    for _ in range(steps):\n        seq = torch.cat((seq, model(seq)[-1:]), dim=0)\n    return seq\n",
        },
        expect="torch.cat",
        name="torch-cat-stacking-rows-in-a-loop",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import tensorflow as tf\n\nmodel = build_model()\nmodel.compile(loss='categorical_crossentropy', optimizer='adam')\nfor epoch in range(20):\n    model.fit(x_train, y_train, batch_size=128, epochs=1)\n    model.save(f'ckpt_{epoch}.keras')\n",
        },
        {
            "mnist_cnn.py": "import tensorflow as tf\nimport tensorflow_model_optimization as tfmot\n\nmodels = [build_layerwise_model(), build_sequential_model()]\nfor model in models:\n    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])\n    model.fit(x_train, y_train, batch_size=128, epochs=epochs, verbose=1, validation_data=(x_test, y_test))\n    stripped = tfmot.sparsity.keras.strip_pruning(model)\n    tf.keras.models.save_model(stripped, 'pruned.h5')\n",
        },
        expect="inside the training loop",
        name="a-loop-over-models-saves-each-once",
    ),
    RuleCase(
        "GT304",
        {
            "tuning.py": "from catboost import CatBoostClassifier\n\nmodel = CatBoostClassifier(iterations=1000, eval_metric='AUC')\ngrid = {'learning_rate': [0.03, 0.1], 'depth': [4, 6, 10], 'l2_leaf_reg': [1, 3, 5, 7, 9]}\ngrid_search_result = model.grid_search(grid, X=train_pool, cv=5, plot=True)\n",
        },
        {
            "tuning.py": "from catboost import CatBoostClassifier\n\nmodel = CatBoostClassifier(iterations=1000, eval_metric='AUC')\ngrid = {'learning_rate': [0.03, 0.1], 'depth': [6]}\ngrid_search_result = model.grid_search(grid, X=train_pool, cv=5, plot=True)\n",
        },
        expect="30 candidates × 5 folds = 150 fits",
        name="catboost-native-grid-search",
    ),
    RuleCase(
        "GT301",
        {
            "tuning.py": "from catboost import CatBoostClassifier\nfrom scipy import stats\n\nmodel = CatBoostClassifier(iterations=1000)\nparam_distribution = {'one_hot_max_size': stats.bernoulli(p=0.2, loc=2), 'learning_rate': [0.03, 0.1], 'l2_leaf_reg': [1, 5, 10], 'depth': [6, 8]}\nresult = model.randomized_search(param_distribution, X=train_pool, n_iter=12)\n",
        },
        {
            "tuning.py": "from catboost import CatBoostClassifier\nfrom scipy import stats\n\nmodel = CatBoostClassifier(iterations=1000)\nparam_distribution = {'one_hot_max_size': stats.bernoulli(p=0.2, loc=2), 'learning_rate': [0.03, 0.1], 'l2_leaf_reg': [1, 5, 10], 'depth': [6, 8]}\nresult = model.fit(train_pool)\n",
        },
        expect="randomized_search(n_iter=12)",
        name="catboost-native-randomized-search",
    ),
    RuleCase(
        "GT313",
        {
            "huggingface/model-settings.json": '{\n  "name": "transformer",\n  "implementation": "mlserver_huggingface.HuggingFaceRuntime",\n  "parameters": {\n    "extra": {\n      "task": "text-generation",\n      "pretrained_model": "distilgpt2"\n    }\n  }\n}\n',
        },
        {
            "huggingface/model-settings.json": '{\n  "name": "transformer",\n  "implementation": "mlserver_huggingface.HuggingFaceRuntime",\n  "parameters": {\n    "extra": {\n      "task": "text-generation",\n      "pretrained_model": "gpt2-xl"\n    }\n  }\n}\n',
        },
        expect="distilgpt2",
        name="serving-config-names-a-distilled-model",
    ),
    RuleCase(
        "GT206",
        {
            "d2l/torch.py": "import os\nimport pandas as pd\nimport torchvision\n\n\ndef read_data_bananas(is_train=True):\n    data_dir = '../data/banana-detection'\n    csv_data = pd.read_csv(os.path.join(data_dir, 'label.csv'))\n    csv_data = csv_data.set_index('img_name')\n    images, targets = [], []\n    for img_name, target in csv_data.iterrows():\n        images.append(torchvision.io.read_image(os.path.join(data_dir, 'images', f'{img_name}')))\n        targets.append(list(target))\n    return images, targets\n\n\ndef summary(df):\n    totals = []\n    for _, row in df.iterrows():\n        totals.append(row.price * row.qty)\n    return totals\n",
        },
        {
            "d2l/torch.py": "import os\nimport pandas as pd\nimport torchvision\n\n\ndef read_data_bananas(is_train=True):\n    data_dir = '../data/banana-detection'\n    csv_data = pd.read_csv(os.path.join(data_dir, 'label.csv'))\n    csv_data = csv_data.set_index('img_name')\n    images, targets = [], []\n    for img_name, target in csv_data.iterrows():\n        images.append(torchvision.io.read_image(os.path.join(data_dir, 'images', f'{img_name}')))\n        targets.append(list(target))\n    return images, targets\n",
        },
        expect="iterrows",
        name="row-loop-reading-a-file-per-row",
    ),
    RuleCase(
        "GT102",
        {
            "topic3.py": "import pandas as pd\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.tree import DecisionTreeClassifier\n\ndf = pd.read_csv('../data/telecom_churn.csv')\nX, y = df.drop('Churn', axis=1), df['Churn']\ntree_params = {'max_depth': range(1, 11), 'max_features': range(4, 19)}\ntree_grid = GridSearchCV(DecisionTreeClassifier(), tree_params, cv=5, n_jobs=-1)\ntree_grid.fit(X, y)\n\ndata = load_digits()\nX, y = data.data, data.target\n",
        },
        {
            "topic3.py": "import pandas as pd\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.tree import DecisionTreeClassifier\n\ndf = pd.read_csv('../data/telecom_churn.csv')\ndata = load_digits()\nX, y = data.data, data.target\ntree_params = {'max_depth': range(1, 11), 'max_features': range(4, 19)}\ntree_grid = GridSearchCV(DecisionTreeClassifier(), tree_params, cv=5, n_jobs=-1)\ntree_grid.fit(X, y)\n",
        },
        expect="750 fits",
        name="toy-data-loaded-after-the-search",
    ),
    RuleCase(
        "GT104",
        {
            "train_lgbm.py": "import pandas as pd\nfrom lightgbm import LGBMClassifier\n\noof = pd.read_csv('data/train.csv')\nclf = LGBMClassifier(n_estimators=500)\nclf.fit(oof.drop(columns=['diagnosis']), oof['diagnosis'])\n",
        },
        {
            "train_lgbm.py": "import pandas as pd\nfrom lightgbm import LGBMClassifier\n\noof = pd.read_pickle('predictions/oof_densenet121_fold0.pkl')\nclf = LGBMClassifier(n_estimators=500)\nclf.fit(oof.drop(columns=['diagnosis']), oof['diagnosis'])\n",
        },
        expect="read_csv",
        name="pickled-predictions-are-not-collected-data",
    ),
    RuleCase(
        "GT105",
        {
            "src/featurization.py": "import sys\nimport yaml\nfrom sklearn.feature_extraction.text import CountVectorizer\n\nparams = yaml.safe_load(open('params.yaml'))['featurize']\nmax_features = params['max_features']\nbag_of_words = CountVectorizer(stop_words='english', max_features=max_features, ngram_range=(1, 2))\ntrain_words = bag_of_words.fit_transform(train_text)\n",
            "params.yaml": "featurize:\n  max_features: 100\n  ngrams: 2\n",
        },
        {
            "src/featurization.py": "import sys\nimport yaml\nfrom sklearn.feature_extraction.text import CountVectorizer\n\nparams = yaml.safe_load(open('params.yaml'))['featurize']\nmax_features = params['max_features']\nbag_of_words = CountVectorizer(stop_words='english', ngram_range=(1, 2))\ntrain_words = bag_of_words.fit_transform(train_text)\n",
            "params.yaml": "featurize:\n  ngrams: 2\n",
        },
        expect="max_features set at run time",
        name="vectorizer-cap-from-params",
    ),
    RuleCase(
        "GT307",
        {
            "gpu_tree_shap.py": "import xgboost as xgb\n\nparam = {'max_depth': 8, 'eta': 0.1, 'objective': 'binary:logistic'}\nnum_round = 500\nbst = xgb.train(param, dtrain, num_round)\n",
        },
        {
            "gpu_tree_shap.py": "import xgboost as xgb\n\nparam = {'max_depth': 8, 'eta': 0.1, 'objective': 'binary:logistic'}\nnum_round = 50\nbst = xgb.train(param, dtrain, num_round)\n",
        },
        expect="num_boost_round=500",
        name="boosting-rounds-passed-positionally",
    ),
    RuleCase(
        "GT604",
        {
            "examples/benchmark.py": "from surprise import SVD, KNNBasic, NMF, Dataset\nfrom surprise.model_selection import cross_validate\n\ndata = Dataset.load_builtin('ml-1m')\nfor algo in (SVD(), KNNBasic(), NMF()):\n    cross_validate(algo, data, measures=['RMSE', 'MAE'], cv=5)\n    algo.fit(data.build_full_trainset())\n",
            ".github/workflows/benchmarks.yml": "name: benchmarks\non: [push, pull_request]\njobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install .\n      - run: yes | python examples/benchmark.py\n",
        },
        {
            "examples/benchmark.py": "from surprise import SVD, KNNBasic, NMF, Dataset\nfrom surprise.model_selection import cross_validate\n\ndata = Dataset.load_from_df(df, reader)\nfor algo in (SVD(), KNNBasic(), NMF()):\n    print(algo)\n",
            ".github/workflows/benchmarks.yml": "name: benchmarks\non: [push, pull_request]\njobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install .\n      - run: yes | python examples/benchmark.py\n",
        },
        expect="benchmark.py",
        name="ci-runs-a-script-that-trains",
    ),
    RuleCase(
        "GT604",
        {
            "train.py": 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\ndf = pd.read_csv("data.csv")\nRandomForestClassifier().fit(df[["a"]], df["y"])\n',
            ".github/workflows/cml.yaml": "name: model-training\non: [push]\njobs:\n  run:\n    runs-on: [ubuntu-latest]\n    container: docker://ghcr.io/iterative/cml:0-dvc2-base1\n    steps:\n      - uses: actions/checkout@v2\n      - name: Train model\n        env:\n          REPO_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n        run: |\n          pip install -r requirements.txt\n          python train.py\n          cat metrics.txt >> report.md\n",
        },
        {
            "train.py": 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\ndf = pd.read_csv("data.csv")\nRandomForestClassifier().fit(df[["a"]], df["y"])\n',
            ".github/workflows/cml.yaml": "name: model-training\non: [workflow_dispatch]\njobs:\n  run:\n    runs-on: [ubuntu-latest]\n    container: docker://ghcr.io/iterative/cml:0-dvc2-base1\n    steps:\n      - uses: actions/checkout@v2\n      - name: Train model\n        env:\n          REPO_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n        run: |\n          pip install -r requirements.txt\n          python train.py\n          cat metrics.txt >> report.md\n",
        },
        expect="python train.py",
        name="github-job-named-run",
    ),
    RuleCase(
        "GT302",
        {
            "mmf/configs/defaults.yaml": "training:\n  trainer: mmf\n  max_updates: 22000\n  early_stop:\n    enabled: true\n    criteria: total_loss\n    minimize: true\n    patience: 4000\n",
            "mmf/trainers/loop.py": "import torch\n\nfor batch in loader:\n    loss = model(batch)\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            "mmf/configs/defaults.yaml": "training:\n  trainer: mmf\n  max_updates: 22000\n  early_stop:\n    enabled: false\n    criteria: total_loss\n    minimize: true\n    patience: 4000\n",
            "mmf/trainers/loop.py": "import torch\n\nfor batch in loader:\n    loss = model(batch)\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="early_stop",
        name="early-stop-block-switched-off",
    ),
    RuleCase(
        "GT404",
        {
            "tools/train_net.py": "import detectron2.utils.comm as comm\nfrom detectron2.engine import DefaultTrainer, hooks\n\n\nclass Trainer(DefaultTrainer):\n    def build_hooks(self):\n        ret = [hooks.IterationTimer(), hooks.LRScheduler()]\n        if comm.is_main_process():\n            ret.append(hooks.PeriodicCheckpointer(self.checkpointer, self.cfg.SOLVER.CHECKPOINT_PERIOD))\n        return ret\n\n\ndef main(args):\n    trainer = Trainer(cfg)\n    return trainer.train()\n",
        },
        {
            "tools/train_net.py": "import detectron2.utils.comm as comm\nfrom detectron2.engine import DefaultTrainer, hooks\n\n\nclass Trainer(DefaultTrainer):\n    def build_hooks(self):\n        ret = [hooks.IterationTimer(), hooks.LRScheduler()]\n        if comm.is_main_process():\n            pass\n        return ret\n\n\ndef main(args):\n    trainer = Trainer(cfg)\n    return trainer.train()\n",
        },
        expect="PeriodicCheckpointer",
        name="detectron2-periodic-checkpointer",
    ),
    RuleCase(
        "GT404",
        {
            "detectron2/config/defaults.py": "from fvcore.common.config import CfgNode as CN\n\n_C = CN()\n_C.SOLVER = CN()\n_C.SOLVER.MAX_ITER = 40000\n_C.SOLVER.CHECKPOINT_PERIOD = 5000\n",
            "tools/train_net.py": "import detectron2.utils.comm as comm\nfrom detectron2.engine import DefaultTrainer, hooks\n\n\nclass Trainer(DefaultTrainer):\n    def build_hooks(self):\n        ret = [hooks.IterationTimer(), hooks.LRScheduler()]\n        if comm.is_main_process():\n            ret.append(hooks.PeriodicWriter(self.checkpointer, self.cfg.SOLVER.CHECKPOINT_PERIOD))\n        return ret\n\n\ndef main(args):\n    trainer = Trainer(cfg)\n    return trainer.train()\n",
        },
        {
            "detectron2/config/defaults.py": "from fvcore.common.config import CfgNode as CN\n\n_C = CN()\n_C.SOLVER = CN()\n_C.SOLVER.MAX_ITER = 40000\n_C.SOLVER.CHECKPOINT_PERIOD = 0\n",
            "tools/train_net.py": "import detectron2.utils.comm as comm\nfrom detectron2.engine import DefaultTrainer, hooks\n\n\nclass Trainer(DefaultTrainer):\n    def build_hooks(self):\n        ret = [hooks.IterationTimer(), hooks.LRScheduler()]\n        if comm.is_main_process():\n            ret.append(hooks.PeriodicWriter(self.checkpointer, self.cfg.SOLVER.CHECKPOINT_PERIOD))\n        return ret\n\n\ndef main(args):\n    trainer = Trainer(cfg)\n    return trainer.train()\n",
        },
        expect="CHECKPOINT_PERIOD = 5000",
        name="yacs-checkpoint-period-default",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "import webdataset as wds\nimport torch\n\ndataset = wds.WebDataset('shards/train-{000000..000146}.tar').shuffle(1000).decode('pil').to_tuple('jpg', 'cls')\nloader = wds.WebLoader(dataset, batch_size=64, num_workers=8)\nfor x, y in loader:\n    loss = model(x.cuda()).sum()\n    loss.backward()\n",
        },
        {
            "train.py": "import webdataset as wds\nimport torch\n\nfor x, y in loader:\n    loss = model(x.cuda()).sum()\n    loss.backward()\n",
        },
        expect="webdataset",
        name="streaming-loader-built-not-imported",
    ),
    RuleCase(
        "GT505",
        {
            "tools/train_net.py": "from detectron2.engine import DefaultTrainer, launch\n\n\ndef main(args):\n    trainer = DefaultTrainer(cfg)\n    return trainer.train()\n\n\nif __name__ == '__main__':\n    launch(main, args.num_gpus, num_machines=args.num_machines)\n",
            "GETTING_STARTED.md": "# Getting Started\n\n```\ncd tools/\n./train_net.py --num-gpus 8 \\\n  --config-file ../configs/COCO-InstanceSegmentation/mask_rcnn_R_50_FPN_1x.yaml\n```\n",
        },
        {
            "tools/train_net.py": "from detectron2.engine import DefaultTrainer, launch\n\n\ndef main(args):\n    trainer = DefaultTrainer(cfg)\n    return trainer.train()\n\n\nif __name__ == '__main__':\n    launch(main, args.num_gpus, num_machines=args.num_machines)\n",
            "GETTING_STARTED.md": "# Getting Started\n\n```\ncd tools/\n./train_net.py --num-gpus 1 \\\n  --config-file ../configs/COCO-InstanceSegmentation/mask_rcnn_R_50_FPN_1x.yaml\n```\n",
        },
        expect="8 GPUs",
        name="script-run-as-a-program",
    ),
    RuleCase(
        "GT407",
        {
            "training/training_loop.py": "import torch\nfrom torch_utils import misc\n\n\ndef training_loop(batch_gpu=None, batch_size=512, num_gpus=8):\n    num_accumulation_rounds = batch_size // (batch_gpu * num_gpus)\n    while True:\n        optimizer.zero_grad(set_to_none=True)\n        for round_idx in range(num_accumulation_rounds):\n            with misc.ddp_sync(ddp, (round_idx == num_accumulation_rounds - 1)):\n                images, labels = next(dataset_iterator)\n                loss = loss_fn(net=ddp, images=images, labels=labels)\n                loss.sum().mul(loss_scaling / batch_gpu_total).backward()\n        optimizer.step()\n",
        },
        {
            "training/training_loop.py": "import torch\nfrom torch_utils import misc\n\n\ndef training_loop(batch_gpu=None, batch_size=512, num_gpus=8):\n    num_rounds = 4\n    while True:\n        optimizer.zero_grad(set_to_none=True)\n        for round_idx in range(num_rounds):\n            with misc.ddp_sync(ddp, (round_idx == num_rounds - 1)):\n                images, labels = next(dataset_iterator)\n                loss = loss_fn(net=ddp, images=images, labels=labels)\n                loss.sum().mul(loss_scaling / batch_gpu_total).backward()\n        optimizer.step()\n",
        },
        expect="gradient accumulation",
        name="accumulation-as-an-inner-loop",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import tensorflow as tf\n\ncheckpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)\nfor epoch in range(200):\n    train_step(model)\n    checkpoint.save(file_prefix='ckpt/model')\n",
        },
        {
            "launcher.py": "import tensorflow as tf\n\n\ndef export(model, checkpoint_path, export_dir):\n    checkpoint = tf.train.Checkpoint(model=model)\n    checkpoint.restore(checkpoint_path).expect_partial()\n    converter = tf.lite.TFLiteConverter.from_keras_model(model)\n    tflite_model = converter.convert()\n",
        },
        expect="tensorflow.train.Checkpoint",
        name="tf-checkpoint-restored-only",
    ),
    RuleCase(
        "GT604",
        {
            "examples/benchmark.py": "from surprise import SVD, KNNBasic, NMF, Dataset\nfrom surprise.model_selection import cross_validate\n\ndata = Dataset.load_builtin('ml-1m')\nfor algo in (SVD(), KNNBasic(), NMF()):\n    cross_validate(algo, data, measures=['RMSE', 'MAE'], cv=5)\n",
            ".github/workflows/benchmarks.yml": "name: benchmarks\non: [push, pull_request]\njobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: yes | python examples/benchmark.py\n",
        },
        {
            "examples/benchmark.py": "from surprise import SVD, KNNBasic, NMF, Dataset\nfrom surprise.model_selection import cross_validate\n\ndata = Dataset.load_builtin('ml-1m')\nfor algo in (SVD(), KNNBasic(), NMF()):\n    print(algo)\n",
            ".github/workflows/benchmarks.yml": "name: benchmarks\non: [push, pull_request]\njobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: yes | python examples/benchmark.py\n",
        },
        expect="benchmark.py",
        name="ci-runs-a-cross-validation-benchmark",
    ),
    RuleCase(
        "GT606",
        {
            "cross_validation.py": "import xgboost as xgb\n\ndtrain = xgb.DMatrix('agaricus.txt.train')\nparam = {'max_depth': 2, 'eta': 1, 'objective': 'binary:logistic'}\nres = xgb.cv(param, dtrain, num_boost_round=10, nfold=5, metrics={'error'}, seed=0)\n",
        },
        {
            "cross_validation.py": "import xgboost as xgb\n\ndtrain = xgb.DMatrix('agaricus.txt.train')\nparam = {'max_depth': 2, 'eta': 1, 'objective': 'binary:logistic'}\nres = dict(param, dtrain, num_boost_round=10, nfold=5, metrics={'error'}, seed=0)\n",
        },
        expect="cross_validation.py",
        name="cross-validation-trains",
    ),
    RuleCase(
        "GT308",
        {
            "translate.py": "import ctranslate2\nimport sentencepiece as spm\n\ntranslator = ctranslate2.Translator('ende_ctranslate2/', device='cuda')\nresults = translator.translate_batch([sp.encode('Hello world!', out_type=str)])\n",
        },
        {
            "translate.py": "import mylib as ctranslate2x\nimport sentencepiece as spm\n\ntranslator = ctranslate2x.Translator('ende_ctranslate2/', device='cuda')\nresults = translator.translate_batch([sp.encode('Hello world!', out_type=str)])\n",
        },
        expect="ctranslate2.Translator",
        name="ctranslate2-runtime",
    ),
    RuleCase(
        "GT302",
        {
            "train_xgb.py": "import xgboost as xgb\n\ndtrain = xgb.DMatrix('train.svm')\ndvalid = xgb.DMatrix('valid.svm')\nparams = {'max_depth': 6, 'eta': 0.1, 'objective': 'binary:logistic'}\nbst = xgb.train(params, dtrain, num_boost_round=2000, evals=[(dvalid, 'valid')],\n                callbacks=[xgb.callback.early_stop(50)])\n",
        },
        {
            "train_xgb.py": "import xgboost as xgb\n\ndtrain = xgb.DMatrix('train.svm')\ndvalid = xgb.DMatrix('valid.svm')\nparams = {'max_depth': 6, 'eta': 0.1, 'objective': 'binary:logistic'}\nbst = xgb.train(params, dtrain, num_boost_round=2000, evals=[(dvalid, 'valid')],\n                callbacks=[xgb.callback.print_evaluation(50)])\n",
        },
        expect="early_stop",
        name="xgboost-legacy-early-stop-callback",
    ),
    RuleCase(
        "GT301",
        {
            "tune_mnist.py": 'from ray import tune\nfrom ray.tune.schedulers import ASHAScheduler\nimport torch\n\ndef train_mnist(config):\n    model = torch.nn.Linear(10, 2)\n    for epoch in range(100):\n        tune.report(mean_accuracy=0.5)\n\nsearch_space = {"lr": tune.loguniform(1e-4, 1e-1), "momentum": tune.uniform(0.1, 0.9)}\nscheduler = ASHAScheduler(max_t=100, grace_period=1)\nanalysis = tune.run(train_mnist, config=search_space, resources_per_trial={"gpu": 1}, scheduler=scheduler)\n',
        },
        {
            "tune_mnist.py": 'from ray import tune\nfrom ray.tune.schedulers import ASHAScheduler\nimport torch\n\ndef train_mnist(config):\n    model = torch.nn.Linear(10, 2)\n    for epoch in range(100):\n        tune.report(mean_accuracy=0.5)\n\nsearch_space = {"lr": tune.loguniform(1e-4, 1e-1), "momentum": tune.uniform(0.1, 0.9)}\nscheduler = ASHAScheduler(max_t=100, grace_period=1)\nanalysis = tune.run(train_mnist, config=search_space, resources_per_trial={"gpu": 1})\n',
        },
        expect="ASHAScheduler",
        name="ray-scheduler-must-be-passed",
    ),
    RuleCase(
        "GT301",
        {
            "config.yml": "searchSpaceFile: search_space.json\ntrialCommand: python3 mnist.py\ntrialGpuNumber: 0\ntrialConcurrency: 4\nmaxTrialNumber: 20\ntuner:\n  name: TPE\n  classArgs:\n    optimize_mode: maximize\ntrainingService:\n  platform: local\n",
            "mnist.py": "import nni\nimport torch\n\nparams = nni.get_next_parameter()\nmodel = torch.nn.Linear(10, 2)\nfor epoch in range(10):\n    nni.report_intermediate_result(0.5)\nnni.report_final_result(0.9)\n",
        },
        {
            "config.yml": "searchSpaceFile: search_space.json\ntrialCommand: python3 mnist.py\ntrialGpuNumber: 0\ntrialConcurrency: 4\ntuner:\n  name: TPE\n  classArgs:\n    optimize_mode: maximize\ntrainingService:\n  platform: local\n",
            "mnist.py": "import nni\nimport torch\n\nparams = nni.get_next_parameter()\nmodel = torch.nn.Linear(10, 2)\nfor epoch in range(10):\n    nni.report_intermediate_result(0.5)\nnni.report_final_result(0.9)\n",
        },
        expect="maxTrialNumber: 20",
        name="nni-experiment-trial-cap",
    ),
    RuleCase(
        "GT301",
        {
            "config.yml": "authorName: default\nexperimentName: example_auto-gbdt\ntrialConcurrency: 1\nmaxExecDuration: 10h\nmaxTrialNum: 10\ntrainingServicePlatform: local\nsearchSpacePath: search_space.json\ntuner:\n  builtinTunerName: TPE\ntrial:\n  command: python3 main.py\n  codeDir: .\n",
            "main.py": "import nni\nimport torch\n\nparams = nni.get_next_parameter()\nmodel = torch.nn.Linear(10, 2)\nfor epoch in range(10):\n    nni.report_intermediate_result(0.5)\nnni.report_final_result(0.9)\n",
        },
        {
            "config.yml": "authorName: default\nexperimentName: example_auto-gbdt\ntrialConcurrency: 1\ntrainingServicePlatform: local\nsearchSpacePath: search_space.json\ntuner:\n  builtinTunerName: TPE\ntrial:\n  command: python3 main.py\n  codeDir: .\n",
            "main.py": "import nni\nimport torch\n\nparams = nni.get_next_parameter()\nmodel = torch.nn.Linear(10, 2)\nfor epoch in range(10):\n    nni.report_intermediate_result(0.5)\nnni.report_final_result(0.9)\n",
        },
        expect="maxTrialNum: 10",
        name="nni-v1-trial-cap",
    ),
    RuleCase(
        "GT101",
        {
            "getting_started.py": "import keras\nimport keras_tuner\n\n(x_train, y_train), (x_val, y_val) = keras.datasets.mnist.load_data()\n\ndef build_model(hp):\n    model = keras.Sequential([keras.layers.Dense(hp.Int('units', 32, 512, step=32), activation='relu'), keras.layers.Dense(10)])\n    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n    return model\n\ntuner = keras_tuner.RandomSearch(build_model, objective='val_loss', max_trials=3)\ntuner.search(x_train[:100], y_train[:100], epochs=1, validation_data=(x_val[:100], y_val[:100]))\n"
        },
        {
            "getting_started.py": "import keras\nimport keras_tuner\n\n(x_train, y_train), (x_val, y_val) = keras.datasets.mnist.load_data()\n\ndef build_model(hp):\n    model = keras.Sequential([keras.layers.Dense(hp.Int('units', 32, 512, step=32), activation='relu'), keras.layers.Dense(10)])\n    model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n    return model\n\ntuner = keras_tuner.RandomSearch(build_model, objective='val_loss', max_trials=3)\ntuner.search(x_train, y_train, epochs=1, validation_data=(x_val[:100], y_val[:100]))\n"
        },
        expect="tuner.search(x_train[:100])",
        name="keras-tuner-search-on-first-rows",
    ),
    RuleCase(
        "GT101",
        {
            "tabular_quickstart.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('https://autogluon.s3.amazonaws.com/datasets/Inc/train.csv')\nsubsample_size = 500\ntrain_data = train_data.sample(n=subsample_size, random_state=0)\npredictor = TabularPredictor(label='class').fit(train_data, time_limit=60)\n"
        },
        {
            "tabular_quickstart.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('https://autogluon.s3.amazonaws.com/datasets/Inc/train.csv')\nsubsample_size = 500\npredictor = TabularPredictor(label='class').fit(train_data, time_limit=60)\n"
        },
        expect="train_data.sample(n=500)",
        name="autogluon-frame-sample",
    ),
    RuleCase(
        "GT101",
        {
            "example_simple_tabular.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('train.csv')\ntest_data = TabularDataset('test.csv')\ntrain_data = train_data.head(500)\ntest_data = test_data.head(500)\npredictor = TabularPredictor(label='class').fit(train_data)\nprint(predictor.evaluate(test_data))\n"
        },
        {
            "example_simple_tabular.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('train.csv')\ntest_data = TabularDataset('test.csv')\nprint(train_data.head(5))\ntest_data = test_data.head(500)\npredictor = TabularPredictor(label='class').fit(train_data)\nprint(predictor.evaluate(test_data))\n"
        },
        expect="train_data.head(500)",
        name="frame-cut-to-its-first-rows",
    ),
    RuleCase(
        "GT313",
        {
            "example_distill_binary.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('train.csv')\npredictor = TabularPredictor(label='class').fit(train_data, auto_stack=True, time_limit=120)\ndistilled_model_names = predictor.distill(time_limit=60, augment_method='spunge', teacher_preds='soft')\n"
        },
        {
            "example_distill_binary.py": "from autogluon.tabular import TabularDataset, TabularPredictor\n\ntrain_data = TabularDataset('train.csv')\npredictor = TabularPredictor(label='class').fit(train_data, auto_stack=True, time_limit=120)\n"
        },
        expect="AutoGluon predictor.distill",
        name="autogluon-distill",
    ),
    RuleCase(
        "GT203",
        {
            "train.py": "import torch\nimport torchvision\n\ndef build(pretrained: bool, large: bool):\n    weights = torchvision.models.MobileNet_V3_Large_Weights if pretrained else None\n    return torchvision.models.resnet152(weights=weights)\n\nmodel = build(False, True)\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import torch\nimport torchvision\n\ndef build(pretrained: bool, large: bool):\n    weights = torchvision.models.MobileNet_V3_Large_Weights if pretrained else None\n    return torchvision.models.mobilenet_v3_large(weights=weights)\n\nmodel = build(False, True)\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="resnet152",
        name="lightweight-family-large-is-not-large",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import torch\nimport torchvision\n\ndef build(pretrained: bool, large: bool):\n    weights = torchvision.models.MobileNet_V3_Large_Weights if pretrained else None\n    return torchvision.models.mobilenet_v3_large(weights=torchvision.models.MobileNet_V3_Large_Weights.DEFAULT)\n\nmodel = build(False, True)\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import torch\nimport torchvision\n\ndef build(pretrained: bool, large: bool):\n    weights = torchvision.models.MobileNet_V3_Large_Weights if pretrained else None\n    return torchvision.models.mobilenet_v3_large(weights=weights)\n\nmodel = build(False, True)\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(10):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="mobilenet_v3_large",
        name="weights-from-a-variable-is-unknown",
    ),
    RuleCase(
        "GT208",
        {
            "evaluate.py": "import numpy as np\nimport torch\n\nmodel.eval()\ntest_predictions = None\nfor inputs in dataloader:\n    with torch.no_grad():\n        logits = model(**inputs).logits.detach().cpu().numpy()\n    test_predictions = logits if test_predictions is None else np.concatenate((test_predictions, logits), axis=0)\n"
        },
        {
            "evaluate.py": "import numpy as np\nimport torch\n\nmodel.eval()\ntest_predictions = None\nfor inputs in dataloader:\n    with torch.no_grad():\n        logits = model(**inputs).logits.detach().cpu().numpy()\n    batches.append(logits)\n"
        },
        expect="test_predictions",
        name="grown-in-a-conditional-expression",
    ),
    RuleCase(
        "GT401",
        {
            "run.py": "from onnxruntime.quantization import QuantFormat, QuantType, quantize_static\nimport resnet50_data_reader\n\ndr = resnet50_data_reader.ResNet50DataReader('calibration_imagenet', 'resnet50.onnx')\nquantize_static('resnet50.onnx', 'resnet50.quant.onnx', dr, quant_format=QuantFormat.QDQ, per_channel=False, weight_type=QuantType.QInt8)\n"
        },
        {
            "run.py": "from onnxruntime.quantization import QuantFormat, QuantType, quantize_static\nimport resnet50_data_reader\n\ndr = resnet50_data_reader.ResNet50DataReader('calibration_imagenet', 'resnet50.onnx')\nprint('resnet50.onnx', 'resnet50.quant.onnx', dr, quant_format=QuantFormat.QDQ, per_channel=False, weight_type=QuantType.QInt8)\n"
        },
        expect="quantize_static",
        name="onnxruntime-static-quantization",
    ),
    RuleCase(
        "GT401",
        {
            "qat_bert.py": "import torch\nfrom torch.quantization import default_weight_fake_quant, default_per_channel_weight_fake_quant\n\ndef quantize_bert_model(model):\n    qconfig = torch.quantization.QConfig(activation=default_weight_fake_quant, weight=default_per_channel_weight_fake_quant)\n    model.qconfig = qconfig\n    torch.quantization.propagate_qconfig_(model)\n    return model\n\nmodel = quantize_bert_model(model)\ntrainer.train()\n"
        },
        {
            "qat_bert.py": "import torch\nfrom torch.quantization import default_weight_fake_quant, default_per_channel_weight_fake_quant\n\ndef quantize_bert_model(model):\n    qconfig = torch.quantization.get_default_qconfig('x86')\n    model.qconfig = qconfig\n    torch.quantization.propagate_qconfig_(model)\n    return model\n\nmodel = quantize_bert_model(model)\ntrainer.train()\n"
        },
        expect="QConfig with fake quantization",
        name="hand-written-qat-qconfig",
    ),
    RuleCase(
        "GT104",
        {
            "qlora.py": "import pandas as pd\nfrom datasets import Dataset\nfrom transformers import Seq2SeqTrainer\n\ndef local_dataset(dataset_name):\n    if dataset_name.endswith('.json'):\n        frame = pd.read_json(dataset_name, lines=True)\n        full_dataset = Dataset.from_pandas(frame)\n    elif dataset_name.endswith('.csv'):\n        full_dataset = Dataset.from_pandas(pd.read_csv(dataset_name))\n    return full_dataset\n\ntrainer = Seq2SeqTrainer(model=model, train_dataset=local_dataset('alpaca.json'))\ntrainer.train()\n"
        },
        {
            "qlora.py": "import pandas as pd\nfrom datasets import Dataset\nfrom transformers import Seq2SeqTrainer\n\ndef local_dataset(dataset_name):\n    if dataset_name.endswith('.json'):\n        full_dataset = Dataset.from_pandas(pd.read_json(dataset_name, lines=True))\n    elif dataset_name.endswith('.csv'):\n        full_dataset = Dataset.from_pandas(pd.read_csv(dataset_name))\n    return full_dataset\n\ntrainer = Seq2SeqTrainer(model=model, train_dataset=local_dataset('alpaca.json'))\ntrainer.train()\n"
        },
        expect="pd.read_json",
        name="frame-wrapped-as-hf-dataset",
    ),
    RuleCase(
        "GT101",
        {
            "finetune.py": "from datasets import load_dataset\nfrom transformers import Trainer\n\nraw = load_dataset('imdb')\ntrain_dataset = raw['train']\neval_dataset = raw['test']\ntrain_dataset = train_dataset.select(range(1000))\ntrainer = Trainer(model=model, train_dataset=train_dataset, eval_dataset=eval_dataset)\ntrainer.train()\n"
        },
        {
            "finetune.py": "from datasets import load_dataset\nfrom transformers import Trainer\n\nraw = load_dataset('imdb')\ntrain_dataset = raw['train']\neval_dataset = raw['test']\neval_dataset = eval_dataset.select(range(1000))\ntrainer = Trainer(model=model, train_dataset=train_dataset, eval_dataset=eval_dataset)\ntrainer.train()\n"
        },
        expect="select(range(...))",
        name="evaluation-cap-is-not-sampling",
    ),
    RuleCase(
        "GT402",
        {
            "run_clm_no_trainer.py": "import torch\nfrom accelerate import Accelerator\nfrom torch.utils.data import DataLoader\nfrom transformers import AutoModelForCausalLM\n\naccelerator = Accelerator()\nmodel = AutoModelForCausalLM.from_pretrained('gpt2')\noptimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)\ntrain_dataloader = DataLoader(train_dataset, batch_size=8, num_workers=4)\nmodel, optimizer, train_dataloader = accelerator.prepare(model, optimizer, train_dataloader)\nfor epoch in range(3):\n    for batch in train_dataloader:\n        loss = model(**batch).loss\n        accelerator.backward(loss)\n        optimizer.step()\n        optimizer.zero_grad()\n"
        },
        {
            "run_clm_no_trainer.py": "import torch\nfrom accelerate import Accelerator\nfrom torch.utils.data import DataLoader\nfrom transformers import AutoModelForCausalLM\n\naccelerator = Accelerator(mixed_precision='bf16')\nmodel = AutoModelForCausalLM.from_pretrained('gpt2')\noptimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)\ntrain_dataloader = DataLoader(train_dataset, batch_size=8, num_workers=4)\nmodel, optimizer, train_dataloader = accelerator.prepare(model, optimizer, train_dataloader)\nfor epoch in range(3):\n    for batch in train_dataloader:\n        loss = model(**batch).loss\n        accelerator.backward(loss)\n        optimizer.step()\n        optimizer.zero_grad()\n"
        },
        expect="Accelerator",
        name="accelerate-places-the-model-on-a-gpu",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py --steps 2000 --test_size 0.2\n",
            "train.py": "import torch\nfor step in range(args.steps):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py --steps 2 --test_size 0.2\n",
            "train.py": "import torch\nfor step in range(args.steps):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="train.py",
        name="a-few-steps-is-a-smoke-run",
    ),
    RuleCase(
        "GT604",
        {
            ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py --testBatchSize 1000 --debug_level 2\n",
            "train.py": "import torch\nfor step in range(args.steps):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            ".github/workflows/ci.yml": "on: [push, pull_request]\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python train.py --nEpochs 1\n",
            "train.py": "import torch\nfor step in range(args.steps):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="train.py",
        name="smoke-switches-are-whole-names",
    ),
    RuleCase(
        "GT311",
        {
            "FINETUNE.md": "## Fine-tuning\n\n```\npython submitit_finetune.py \\\n    --job_dir ${JOB_DIR} \\\n    --batch_size 32 \\\n    --model vit_base_patch16 \\\n    --finetune ${PRETRAIN_CHKPT} \\\n    --epochs 100\n```\n",
            "submitit_finetune.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--finetune', default='')\nargs = parser.parse_args()\ncheckpoint = torch.load(args.finetune, map_location='cpu')\nmodel.load_state_dict(checkpoint['model'], strict=False)\nfor epoch in range(100):\n    loss = model(x).sum()\n    loss.backward()\n",
        },
        {
            "FINETUNE.md": "## Fine-tuning\n\n```\npython submitit_finetune.py \\\n    --job_dir ${JOB_DIR} \\\n    --batch_size 32 \\\n    --model vit_base_patch16 \\\n    --epochs 100\n```\n",
            "submitit_finetune.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--finetune', default='')\nargs = parser.parse_args()\ncheckpoint = torch.load(args.finetune, map_location='cpu')\nmodel.load_state_dict(checkpoint['model'], strict=False)\nfor epoch in range(100):\n    loss = model(x).sum()\n    loss.backward()\n",
        },
        expect="--finetune",
        name="finetune-checkpoint-flag",
    ),
    RuleCase(
        "GT207",
        {
            "docs/train_network.md": "## Training\n\n```\naccelerate launch --num_cpu_threads_per_process 1 train_network.py\n    --pretrained_model_name_or_path=model.safetensors\n    --output_dir=out --network_module=networks.lora\n    --sdpa\n```\n",
            "train_network.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--sdpa', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(10):\n    loss = unet(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            "docs/train_network.md": "## Training\n\n```\naccelerate launch --num_cpu_threads_per_process 1 train_network.py\n    --pretrained_model_name_or_path=model.safetensors\n    --output_dir=out --network_module=networks.lora\n```\n",
            "train_network.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--sdpa', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(10):\n    loss = unet(x).sum()\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="--sdpa",
        name="sdpa-switch-on-a-readme-option-line",
    ),
    RuleCase(
        "GT101",
        {
            "bert_imdb_finetune_qat.py": "from datasets import load_dataset\nfrom transformers import Trainer\n\ntrain_eval_raw = load_dataset('imdb', split='train').shuffle(86).select(range(1000))\ntrain_eval = train_eval_raw.train_test_split(test_size=0.2)\ntrainer = Trainer(model=model, train_dataset=train_eval['train'], eval_dataset=train_eval['test'])\ntrainer.train()\n"
        },
        {
            "bert_imdb_finetune_qat.py": "from datasets import load_dataset\nfrom transformers import Trainer\n\ntrain_eval = load_dataset('imdb', split='train').train_test_split(test_size=0.2)\nraw_test_dataset = load_dataset('imdb', split='test').shuffle(68).select(range(200))\ntrainer = Trainer(model=model, train_dataset=train_eval['train'], eval_dataset=train_eval['test'])\ntrainer.train()\n"
        },
        expect="select(range(...))",
        name="train-and-eval-pool-cut-is-sampling",
    ),
    RuleCase(
        "GT101",
        {
            "config/default.yaml": "dataset:\n  path: data/hagrid\n  subset: 2000\n  targets: [call, dislike, fist]\ntrain_params:\n  epochs: 100\n  train_batch_size: 64\n",
            "run.py": "import torch\nfrom omegaconf import OmegaConf\nconf = OmegaConf.load('config/default.yaml')\nfor epoch in range(conf.train_params.epochs):\n    for images, labels in loader:\n        loss = torch.nn.functional.cross_entropy(model(images), labels)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "config/default.yaml": "dataset:\n  path: data/hagrid\n  subset: train\n  targets: [call, dislike, fist]\ntrain_params:\n  epochs: 100\n  train_batch_size: 64\n",
            "run.py": "import torch\nfrom omegaconf import OmegaConf\nconf = OmegaConf.load('config/default.yaml')\nfor epoch in range(conf.train_params.epochs):\n    for images, labels in loader:\n        loss = torch.nn.functional.cross_entropy(model(images), labels)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="subset=2000",
        name="config-dataset-subset-count",
    ),
    RuleCase(
        "GT301",
        {
            "median-stop.yaml": 'apiVersion: kubeflow.org/v1beta1\nkind: Experiment\nmetadata:\n  name: median-stop\nspec:\n  objective:\n    type: maximize\n    objectiveMetricName: Validation-accuracy\n  algorithm:\n    algorithmName: random\n  earlyStopping:\n    algorithmName: medianstop\n    algorithmSettings:\n      - name: min_trials_required\n        value: "2"\n      - name: start_step\n        value: "2"\n  parallelTrialCount: 2\n  maxTrialCount: 15\n  trialTemplate:\n    trialSpec:\n      spec:\n        containers:\n          - command: [python3, /opt/mnist.py, --epochs=20]\n',
            "mnist.py": "import torch\nfor epoch in range(args.epochs):\n    for data, target in train_loader:\n        loss = torch.nn.functional.nll_loss(model(data), target)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "median-stop.yaml": "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\nmetadata:\n  name: median-stop\nspec:\n  objective:\n    type: maximize\n    objectiveMetricName: Validation-accuracy\n  algorithm:\n    algorithmName: random\n  parallelTrialCount: 2\n  trialTemplate:\n    trialSpec:\n      spec:\n        containers:\n          - command: [python3, /opt/mnist.py, --epochs=20]\n",
            "mnist.py": "import torch\nfor epoch in range(args.epochs):\n    for data, target in train_loader:\n        loss = torch.nn.functional.nll_loss(model(data), target)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="maxTrialCount",
        name="katib-experiment-caps",
    ),
    RuleCase(
        "GT302",
        {
            "median-stop.yaml": 'apiVersion: kubeflow.org/v1beta1\nkind: Experiment\nmetadata:\n  name: median-stop\nspec:\n  objective:\n    type: maximize\n    objectiveMetricName: Validation-accuracy\n  algorithm:\n    algorithmName: random\n  earlyStopping:\n    algorithmName: medianstop\n    algorithmSettings:\n      - name: min_trials_required\n        value: "2"\n      - name: start_step\n        value: "2"\n  parallelTrialCount: 2\n  maxTrialCount: 15\n  trialTemplate:\n    trialSpec:\n      spec:\n        containers:\n          - command: [python3, /opt/mnist.py, --epochs=20]\n',
            "mnist.py": "import torch\nfrom pytorch_lightning.callbacks import EarlyStopping\nstopper = EarlyStopping(monitor='val_loss', patience=3)\nfor epoch in range(args.epochs):\n    for data, target in train_loader:\n        loss = torch.nn.functional.nll_loss(model(data), target)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "median-stop.yaml": 'apiVersion: kubeflow.org/v1beta1\nkind: Experiment\nmetadata:\n  name: median-stop\nspec:\n  objective:\n    type: maximize\n    objectiveMetricName: Validation-accuracy\n  algorithm:\n    algorithmName: random\n  earlyStopping:\n    algorithmName: medianstop\n    algorithmSettings:\n      - name: min_trials_required\n        value: "2"\n      - name: start_step\n        value: "2"\n  parallelTrialCount: 2\n  maxTrialCount: 15\n  trialTemplate:\n    trialSpec:\n      spec:\n        containers:\n          - command: [python3, /opt/mnist.py, --epochs=20]\n',
            "mnist.py": "import torch\nfor epoch in range(args.epochs):\n    for data, target in train_loader:\n        loss = torch.nn.functional.nll_loss(model(data), target)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="EarlyStopping",
        name="katib-medianstop-is-no-training-early-stop",
    ),
    RuleCase(
        "GT311",
        {
            "docs/train.md": "## Fine-tune BERT on SQuAD\n\n```shell\nexport BERT_DIR=~/uncased_L-12_H-768_A-12\nexport PARAMS=task.train_data.input_path=$INPUT_DATA_DIR/train.tf_record\nexport PARAMS=$PARAMS,task.init_checkpoint=$BERT_DIR/bert_model.ckpt\nexport PARAMS=$PARAMS,runtime.distribution_strategy=tpu\n\npython3 train.py \\\n --experiment=bert/squad \\\n --mode=train_and_eval \\\n --params_override=$PARAMS\n```\n",
            "train.py": "from absl import app, flags\nfrom official.core import train_lib\n\ndef main(_):\n    train_lib.run_experiment(distribution_strategy=strategy, task=task, mode=FLAGS.mode, params=params, model_dir=model_dir)\n\nif __name__ == '__main__':\n    app.run(main)\n",
        },
        {
            "docs/train.md": "## Fine-tune BERT on SQuAD\n\n```shell\nexport BERT_DIR=~/uncased_L-12_H-768_A-12\nexport PARAMS=task.train_data.input_path=$INPUT_DATA_DIR/train.tf_record\nexport PARAMS=$PARAMS,runtime.distribution_strategy=tpu\n\npython3 train.py \\\n --experiment=bert/squad \\\n --mode=train_and_eval \\\n --params_override=$PARAMS\n```\n",
            "train.py": "from absl import app, flags\nfrom official.core import train_lib\n\ndef main(_):\n    train_lib.run_experiment(distribution_strategy=strategy, task=task, mode=FLAGS.mode, params=params, model_dir=model_dir)\n\nif __name__ == '__main__':\n    app.run(main)\n",
        },
        expect="task.init_checkpoint",
        name="model-garden-params-override",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "from functools import partial\nimport torch\nfrom torch.distributed.fsdp import FullyShardedDataParallel as FSDP, ShardingStrategy\n\nfsdp_wrapper = partial(FSDP, sharding_strategy=ShardingStrategy.SHARD_GRAD_OP)\nmodel = fsdp_wrapper(model)\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "from functools import partial\nimport torch\nfrom torch.distributed.fsdp import FullyShardedDataParallel as FSDP, ShardingStrategy\n\nfsdp_wrapper = partial(print, sharding_strategy=ShardingStrategy.SHARD_GRAD_OP)\nmodel = fsdp_wrapper(model)\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="FSDP (through functools.partial)",
        name="fsdp-through-partial",
    ),
    RuleCase(
        "GT401",
        {
            "llama/generation.py": "import torch\nfrom llama.model import ModelArgs, Transformer\n\ndef build(ckpt_dir):\n    torch.set_default_tensor_type(torch.cuda.HalfTensor)\n    model = Transformer(ModelArgs())\n    model.load_state_dict(torch.load(ckpt_dir + '/consolidated.00.pth'), strict=False)\n    return model\n"
        },
        {
            "llama/generation.py": "import torch\nfrom llama.model import ModelArgs, Transformer\n\ndef build(ckpt_dir):\n    torch.set_default_tensor_type(torch.cuda.FloatTensor)\n    model = Transformer(ModelArgs())\n    model.load_state_dict(torch.load(ckpt_dir + '/consolidated.00.pth'), strict=False)\n    return model\n"
        },
        expect="set_default_tensor_type(16-bit)",
        name="default-tensor-type-half",
    ),
    RuleCase(
        "GT311",
        {
            "experiments/glue/mnli.sh": '#!/bin/bash\ninit=$1\ncase ${init,,} in\n    xxlarge-v2)\n    parameters=" --num_train_epochs 3 --learning_rate 3e-6"\n    ;;\nesac\npython -m DeBERTa.apps.run --model_config config.json --tag $tag --do_train --task_name MNLI --init_model $init $parameters\n',
            "DeBERTa/apps/run.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "experiments/glue/mnli.sh": '#!/bin/bash\ninit=$1\ncase ${init,,} in\n    xxlarge-v2)\n    parameters=" --num_train_epochs 3 --learning_rate 3e-6"\n    ;;\nesac\npython -m DeBERTa.apps.run --model_config config.json --tag $tag --do_train --task_name MNLI $parameters\n',
            "DeBERTa/apps/run.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="--init_model",
        name="init-model-from-a-variable",
    ),
    RuleCase(
        "GT203",
        {
            "train.sh": "python run.py --do_train --model_name_or_path microsoft/deberta-v2-xxlarge --num_train_epochs 3\n",
            "run.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "train.sh": "python run.py --do_train --model_name_or_path microsoft/deberta-v3-xsmall --num_train_epochs 3\n",
            "run.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="deberta-v2-xxlarge",
        name="xxlarge-is-large",
    ),
    RuleCase(
        "GT311",
        {
            "README.md": "# Tacotron 2\n\n## Training using a pre-trained model\n\n1. `python train.py --output_directory=outdir --log_directory=logdir -c tacotron2_statedict.pt --warm_start`\n",
            "train.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "README.md": "# Tacotron 2\n\n## Training using a pre-trained model\n\n1. `python train.py --output_directory=outdir --log_directory=logdir -c tacotron2_statedict.pt`\n",
            "train.py": "import torch\nfor epoch in range(100):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="tacotron2_statedict.pt --warm_start",
        name="warm-start-from-published-weights",
    ),
    RuleCase(
        "GT404",
        {
            "nbeats.py": "from darts.models import NBEATSModel\n\nmodel = NBEATSModel(input_chunk_length=24, output_chunk_length=12, n_epochs=500, model_name='nbeats', save_checkpoints=True, force_reset=True)\nmodel.fit(train, val_series=val)\n"
        },
        {
            "nbeats.py": "from darts.models import NBEATSModel\n\nmodel = NBEATSModel(input_chunk_length=24, output_chunk_length=12, n_epochs=500, model_name='nbeats', save_checkpoints=False, force_reset=True)\nmodel.fit(train, val_series=val)\n"
        },
        expect="save_checkpoints=True",
        name="darts-save-checkpoints",
    ),
    RuleCase(
        "GT509",
        {
            "ar.py": "import lightning.pytorch as pl\nfrom pytorch_forecasting import DeepAR, TimeSeriesDataSet\n\ntraining = TimeSeriesDataSet(data, time_idx='time_idx', target='value', group_ids=['series'])\ntrain_dataloader = training.to_dataloader(train=True, batch_size=64, num_workers=0)\ntrainer = pl.Trainer(max_epochs=30, accelerator='gpu', devices=1)\nnet = DeepAR.from_dataset(training, learning_rate=0.1)\ntrainer.fit(net, train_dataloaders=train_dataloader)\n"
        },
        {
            "ar.py": "import lightning.pytorch as pl\nfrom pytorch_forecasting import DeepAR, TimeSeriesDataSet\n\ntraining = TimeSeriesDataSet(data, time_idx='time_idx', target='value', group_ids=['series'])\ntrain_dataloader = training.to_dataloader(train=True, batch_size=64, num_workers=4)\ntrainer = pl.Trainer(max_epochs=30, accelerator='gpu', devices=1)\nnet = DeepAR.from_dataset(training, learning_rate=0.1)\ntrainer.fit(net, train_dataloaders=train_dataloader)\n"
        },
        expect="num_workers=0",
        name="pytorch-forecasting-to-dataloader",
    ),
    RuleCase(
        "GT311",
        {
            "run_ner.py": "from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\nembeddings = TransformerWordEmbeddings(model='xlm-roberta-large', fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=corpus.make_label_dictionary('ner'), tag_type='ner')\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune('resources/taggers/ner', learning_rate=5.0e-6, mini_batch_size=4)\n"
        },
        {
            "run_ner.py": "from flair.datasets import CONLL_03\nfrom mylib import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\nembeddings = TransformerWordEmbeddings(model='xlm-roberta-large', fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=corpus.make_label_dictionary('ner'), tag_type='ner')\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune('resources/taggers/ner', learning_rate=5.0e-6, mini_batch_size=4)\n"
        },
        expect="TransformerWordEmbeddings",
        name="flair-transformer-embeddings",
    ),
    RuleCase(
        "GT606",
        {
            "run_ner.py": "from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\nembeddings = TransformerWordEmbeddings(model='xlm-roberta-large', fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=corpus.make_label_dictionary('ner'), tag_type='ner')\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune('resources/taggers/ner', learning_rate=5.0e-6, mini_batch_size=4)\n"
        },
        {
            "run_ner.py": "from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\nembeddings = TransformerWordEmbeddings(model='xlm-roberta-large', fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=corpus.make_label_dictionary('ner'), tag_type='ner')\ntrainer = ModelTrainer(tagger, corpus)\n"
        },
        expect="run_ner.py",
        name="flair-model-trainer-trains",
    ),
    RuleCase(
        "GT301",
        {
            "automl_prostate.py": "import h2o\nfrom h2o.automl import H2OAutoML\n\nh2o.init()\ntrain = h2o.import_file('prostate.csv')\naml = H2OAutoML(max_runtime_secs=30, stopping_rounds=3, stopping_tolerance=0.001, seed=1)\naml.train(y='CAPSULE', training_frame=train)\n"
        },
        {
            "automl_prostate.py": "import h2o\nfrom h2o.automl import H2OAutoML\n\nh2o.init()\ntrain = h2o.import_file('prostate.csv')\naml = H2OAutoML(stopping_rounds=3, stopping_tolerance=0.001, seed=1)\naml.train(y='CAPSULE', training_frame=train)\n"
        },
        expect="max_runtime_secs=30",
        name="h2o-automl-time-budget",
    ),
    RuleCase(
        "GT302",
        {
            "automl_prostate.py": "import h2o\nfrom h2o.automl import H2OAutoML\n\nh2o.init()\ntrain = h2o.import_file('prostate.csv')\naml = H2OAutoML(max_runtime_secs=30, stopping_rounds=3, stopping_tolerance=0.001, seed=1)\naml.train(y='CAPSULE', training_frame=train)\n"
        },
        {
            "automl_prostate.py": "import h2o\nfrom h2o.automl import H2OAutoML\n\nh2o.init()\ntrain = h2o.import_file('prostate.csv')\naml = H2OAutoML(max_runtime_secs=30, stopping_rounds=0, stopping_tolerance=0.001, seed=1)\naml.train(y='CAPSULE', training_frame=train)\n"
        },
        expect="stopping_rounds=3",
        name="h2o-stopping-rounds",
    ),
    RuleCase(
        "GT301",
        {
            "grid_search.py": "import h2o\nfrom h2o.grid.grid_search import H2OGridSearch\nfrom h2o.estimators import H2OGradientBoostingEstimator\n\nh2o.init()\ntrain = h2o.import_file('airlines.csv')\nhyper_params = {'learn_rate': [0.01, 0.1], 'max_depth': [3, 5, 9]}\nsearch_criteria = {'strategy': 'RandomDiscrete', 'max_models': 36, 'seed': 1}\ngbm_grid = H2OGridSearch(model=H2OGradientBoostingEstimator, hyper_params=hyper_params, search_criteria={'strategy': 'RandomDiscrete', 'max_models': 36})\ngbm_grid.train(x=['Origin', 'Dest'], y='IsDepDelayed', training_frame=train)\n"
        },
        {
            "grid_search.py": "import h2o\nfrom h2o.grid.grid_search import H2OGridSearch\nfrom h2o.estimators import H2OGradientBoostingEstimator\n\nh2o.init()\ntrain = h2o.import_file('airlines.csv')\nhyper_params = {'learn_rate': [0.01, 0.1], 'max_depth': [3, 5, 9]}\nsearch_criteria = {'strategy': 'RandomDiscrete', 'max_models': 36, 'seed': 1}\ngbm_grid = H2OGridSearch(model=H2OGradientBoostingEstimator, hyper_params=hyper_params)\ngbm_grid.train(x=['Origin', 'Dest'], y='IsDepDelayed', training_frame=train)\n"
        },
        expect="RandomDiscrete",
        name="h2o-random-grid-capped",
    ),
    RuleCase(
        "GT307",
        {
            "train.py": "import lightgbm as lgb\n\nlgb_params = {'boosting_type': 'gbdt', 'objective': 'tweedie', 'learning_rate': 0.03, 'n_estimators': 3000}\ntrain_data = lgb.Dataset(X, label=y)\nestimator = lgb.train(lgb_params, train_data, valid_sets=[train_data])\n"
        },
        {
            "train.py": "import lightgbm as lgb\n\nlgb_params = {'boosting_type': 'gbdt', 'objective': 'tweedie', 'learning_rate': 0.03, 'n_estimators': 3000, 'early_stopping_rounds': 100}\ntrain_data = lgb.Dataset(X, label=y)\nestimator = lgb.train(lgb_params, train_data, valid_sets=[train_data])\n"
        },
        expect="n_estimators",
        name="lightgbm-rounds-in-params-dict",
    ),
    RuleCase(
        "GT402",
        {
            "hparams/train_hf_wav2vec.yaml": "seed: 1986\noutput_folder: results/train_wav2vec2_char\nprecision: fp32\nnumber_of_epochs: 1\nbatch_size: 6\n",
            "train_with_wav2vec.py": "import sys\nimport speechbrain as sb\nfrom hyperpyyaml import load_hyperpyyaml\n\nclass ASR(sb.Brain):\n    def compute_forward(self, batch, stage):\n        return self.modules.wav2vec2(batch.sig)\n\nif __name__ == '__main__':\n    hparams_file, run_opts, overrides = sb.parse_arguments(sys.argv[1:])\n    asr_brain = ASR(modules=hparams['modules'], hparams=hparams, run_opts=run_opts)\n    asr_brain.fit(asr_brain.hparams.epoch_counter, train_data, valid_data)\n",
        },
        {
            "hparams/train_hf_wav2vec.yaml": "seed: 1986\noutput_folder: results/train_wav2vec2_char\nprecision: fp32\nnumber_of_epochs: 1\nbatch_size: 6\n",
            "train_with_wav2vec.py": "import sys\nimport speechbrain as sb\nfrom hyperpyyaml import load_hyperpyyaml\n\nclass ASR(sb.Brain):\n    def compute_forward(self, batch, stage):\n        return self.modules.wav2vec2(batch.sig)\n\nif __name__ == '__main__':\n    hparams_file, run_opts, overrides = sb.parse_arguments(sys.argv[1:])\n    asr_brain = ASR(modules=hparams['modules'], hparams=hparams, run_opts=run_opts)\n    asr_brain.fit(asr_brain.hparams.epoch_counter, train_data, valid_data)\n",
            "README.md": "# CTC recipe\n\n```\npython train_with_wav2vec.py hparams/train_hf_wav2vec.yaml --device cpu\n```\n",
        },
        expect="speechbrain",
        name="speechbrain-recipes-run-on-cuda-by-default",
    ),
    RuleCase(
        "GT308",
        {
            "configs/OLMo2-1B.yaml": "run_name: OLMo2-1B\nmodel:\n  d_model: 2048\n  n_layers: 16\ncompile: \n  mode: default\noptimizer:\n  name: adamw\n  learning_rate: 4.0e-4\nmax_duration: 1ep\n",
            "scripts/train.py": "import torch\n\ndef main(cfg):\n    model = build_model(cfg)\n    if cfg.compile is not None:\n        model = torch.compile(model, **cfg.compile.asdict())\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "configs/OLMo2-1B.yaml": "run_name: OLMo2-1B\nmodel:\n  d_model: 2048\n  n_layers: 16\ncompile: null\noptimizer:\n  name: adamw\n  learning_rate: 4.0e-4\nmax_duration: 1ep\n",
            "scripts/train.py": "import torch\n\ndef main(cfg):\n    model = build_model(cfg)\n    if cfg.compile is not None:\n        model = torch.compile(model, **cfg.compile.asdict())\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="torch.compile",
        name="compile-null-in-config-is-off",
    ),
    RuleCase(
        "GT311",
        {
            "mingpt/model.py": "import torch\nfrom transformers import GPT2LMHeadModel\n\nclass GPT(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, model_type):\n        model_hf = GPT2LMHeadModel.from_pretrained(model_type)\n        return cls(model_hf.config)\n\nmodel = GPT.from_pretrained('gpt2')\nfor it in range(1000):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n"
        },
        {
            "mingpt/model.py": "import torch\nfrom transformers import GPT2LMHeadModel\n\nclass GPT(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, model_type):\n        model_hf = GPT2LMHeadModel.from_pretrained(model_type)\n        return cls(model_hf.config)\n\nmodel = GPT(config)\nfor it in range(1000):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n"
        },
        expect="from_pretrained",
        name="own-loader-offered-not-used",
    ),
    RuleCase(
        "GT311",
        {
            "examples/scripts/train_ppo_llama_ray.sh": 'set -x\nray job submit --address="http://127.0.0.1:8265" -- python3 -m openrlhf.cli.train_ppo_ray --pretrain OpenRLHF/Llama-3-8b-sft-mixture --save_path /openrlhf/checkpoint/llama3-8b-rlhf --micro_train_batch_size 8 --max_epochs 1 --bf16 --flash_attn --gradient_checkpointing\n',
            "openrlhf/cli/train_ppo_ray.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--pretrain', type=str)\nparser.add_argument('--flash_attn', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(args.max_epochs):\n    loss = model(batch).mean()\n    loss.backward()\n",
        },
        {
            "examples/scripts/train_ppo_llama_ray.sh": 'set -x\nray job submit --address="http://127.0.0.1:8265" -- python3 -m openrlhf.cli.train_ppo_ray --save_path /openrlhf/checkpoint/llama3-8b-rlhf --micro_train_batch_size 8 --max_epochs 1 --bf16 --flash_attn --gradient_checkpointing\n',
            "openrlhf/cli/train_ppo_ray.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--pretrain', type=str)\nparser.add_argument('--flash_attn', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(args.max_epochs):\n    loss = model(batch).mean()\n    loss.backward()\n",
        },
        expect="--pretrain",
        name="openrlhf-pretrain-hub-id",
    ),
    RuleCase(
        "GT207",
        {
            "examples/scripts/train_ppo_llama_ray.sh": 'set -x\nray job submit --address="http://127.0.0.1:8265" -- python3 -m openrlhf.cli.train_ppo_ray --pretrain OpenRLHF/Llama-3-8b-sft-mixture --save_path /openrlhf/checkpoint/llama3-8b-rlhf --micro_train_batch_size 8 --max_epochs 1 --bf16 --flash_attn --gradient_checkpointing\n',
            "openrlhf/cli/train_ppo_ray.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--pretrain', type=str)\nparser.add_argument('--flash_attn', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(args.max_epochs):\n    loss = model(batch).mean()\n    loss.backward()\n",
        },
        {
            "examples/scripts/train_ppo_llama_ray.sh": 'set -x\nray job submit --address="http://127.0.0.1:8265" -- python3 -m openrlhf.cli.train_ppo_ray --pretrain OpenRLHF/Llama-3-8b-sft-mixture --save_path /openrlhf/checkpoint/llama3-8b-rlhf --micro_train_batch_size 8 --max_epochs 1 --bf16 --gradient_checkpointing\n',
            "openrlhf/cli/train_ppo_ray.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--pretrain', type=str)\nparser.add_argument('--flash_attn', action='store_true')\nargs = parser.parse_args()\nfor epoch in range(args.max_epochs):\n    loss = model(batch).mean()\n    loss.backward()\n",
        },
        expect="--flash_attn",
        name="flash-attn-switch",
    ),
    RuleCase(
        "GT311",
        {
            "config_hub/finetune/llama-3.2-1B/full.yaml": "checkpoint_dir: checkpoints/meta-llama/Llama-3.2-1B\nout_dir: out/finetune/full-llama3.2-1b\nprecision: bf16-true\ndevices: 1\ntrain:\n  epochs: 1\n",
            "litgpt/finetune/full.py": "import lightning as L\nimport torch\n\ndef fit(fabric, model, optimizer, loader):\n    for batch in loader:\n        loss = model(batch).mean()\n        fabric.backward(loss)\n        optimizer.step()\n",
        },
        {
            "config_hub/finetune/llama-3.2-1B/full.yaml": "checkpoint_dir: out/pretrain/final\nout_dir: out/finetune/full-llama3.2-1b\nprecision: bf16-true\ndevices: 1\ntrain:\n  epochs: 1\n",
            "litgpt/finetune/full.py": "import lightning as L\nimport torch\n\ndef fit(fabric, model, optimizer, loader):\n    for batch in loader:\n        loss = model(batch).mean()\n        fabric.backward(loss)\n        optimizer.step()\n",
        },
        expect="checkpoints/meta-llama/Llama-3.2-1B",
        name="litgpt-downloaded-checkpoint-dir",
    ),
    RuleCase(
        "GT101",
        {
            "train.sh": "python run_clm.py --model_name_or_path gpt2 --do_train --max_train_samples 1000 --output_dir out\n",
            "run_clm.py": "import torch\nfor epoch in range(3):\n    loss = model(x).mean()\n    loss.backward()\n",
        },
        {
            "train.sh": "python run_clm.py --model_name_or_path gpt2 --do_train --max_eval_samples 1000 --output_dir out\n",
            "run_clm.py": "import torch\nfor epoch in range(3):\n    loss = model(x).mean()\n    loss.backward()\n",
        },
        expect="--max_train_samples",
        name="max-train-samples-flag",
    ),
    RuleCase(
        "GT207",
        {
            "train_text_to_image.py": "import argparse\nimport torch\nparser = argparse.ArgumentParser()\nparser.add_argument('--enable_xformers_memory_efficient_attention', action='store_true')\nargs = parser.parse_args()\nif args.enable_xformers_memory_efficient_attention:\n    unet.enable_xformers_memory_efficient_attention()\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
            "README.md": "```bash\naccelerate launch train_text_to_image.py --enable_xformers_memory_efficient_attention\n```\n",
        },
        {
            "train_text_to_image.py": "import argparse\nimport torch\nparser = argparse.ArgumentParser()\nparser.add_argument('--enable_xformers_memory_efficient_attention', action='store_true')\nargs = parser.parse_args()\nif args.enable_xformers_memory_efficient_attention:\n    unet.enable_xformers_memory_efficient_attention()\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
            "README.md": "```bash\naccelerate launch train_text_to_image.py --mixed_precision fp16\n```\n",
        },
        expect="enable_xformers_memory_efficient_attention",
        name="xformers-switch-passed-at-launch",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": "import torch\nimport intel_extension_for_pytorch as ipex\n\nmodel = torchvision.models.resnet50()\nmodel, optimizer = ipex.optimize(model, optimizer=optimizer, dtype=torch.bfloat16)\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import torch\nimport mylib as ipex\n\nmodel = torchvision.models.resnet50()\nmodel, optimizer = ipex.optimize(model, optimizer=optimizer, dtype=torch.bfloat16)\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="intel_extension_for_pytorch.optimize",
        name="ipex-optimize",
    ),
    RuleCase(
        "GT308",
        {
            "notebook.py": "from sklearn.svm import SVC\nfrom skl2onnx import convert_sklearn\nfrom skl2onnx.common.data_types import FloatTensorType\n\nmodel = SVC(kernel='linear', probability=True).fit(X_train, y_train)\ninitial_type = [('float_input', FloatTensorType([None, 380]))]\nonx = convert_sklearn(model, initial_types=initial_type)\nwith open('model.onnx', 'wb') as f:\n    f.write(onx.SerializeToString())\n"
        },
        {
            "notebook.py": "from sklearn.svm import SVC\nfrom skl2onnx import convert_sklearn\nfrom skl2onnx.common.data_types import FloatTensorType\n\nmodel = SVC(kernel='linear', probability=True).fit(X_train, y_train)\ninitial_type = [('float_input', FloatTensorType([None, 380]))]\nonx = model\nwith open('model.onnx', 'wb') as f:\n    f.write(onx.SerializeToString())\n"
        },
        expect="skl2onnx.convert_sklearn",
        name="sklearn-to-onnx",
    ),
    RuleCase(
        "GT308",
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_hugging_face(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n"
        },
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_local(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n"
        },
        expect="from_hugging_face",
        name="tensorrt-llm-engine",
    ),
    RuleCase(
        "GT401",
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_hugging_face(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n",
            "README.md": "## Build\n\n```bash\npython convert_checkpoint.py --model_dir ./llama-7b-hf --output_dir ./tllm_ckpt --dtype float16\ntrtllm-build --checkpoint_dir ./tllm_ckpt --output_dir ./engine --gemm_plugin auto\n```\n",
        },
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_hugging_face(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n",
            "README.md": "## Build\n\n```bash\npython convert_checkpoint.py --model_dir ./llama-7b-hf --output_dir ./tllm_ckpt --dtype float32\ntrtllm-build --checkpoint_dir ./tllm_ckpt --output_dir ./engine --gemm_plugin auto\n```\n",
        },
        expect="--dtype float16",
        name="dtype-flag-on-a-launch",
    ),
    RuleCase(
        "GT404",
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_hugging_face(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n\nimport torch\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "convert_checkpoint.py": "from tensorrt_llm.models import LLaMAForCausalLM\nfrom transformers import AutoConfig\n\ndef convert(args):\n    llama = LLaMAForCausalLM.from_hugging_face(args.model_dir, args.dtype)\n    llama.save_checkpoint(args.output_dir, save_config=True)\n"
        },
        expect="save_checkpoint",
        name="converted-checkpoint-is-not-training",
    ),
    RuleCase(
        "GT406",
        {
            "ch06.py": "from sklearn.linear_model import LogisticRegression\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\n\npipe = make_pipeline(StandardScaler(), LogisticRegression(penalty='l2', solver='lbfgs', max_iter=10000))\npipe.fit(X_train, y_train)\nimport tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(X_train, y_train, epochs=500)\n"
        },
        {
            "ch06.py": "from sklearn.linear_model import LogisticRegression\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\n\npipe = make_pipeline(StandardScaler(), LogisticRegression(penalty='l2', solver='lbfgs', max_iter=10000))\npipe.fit(X_train, y_train)\nimport tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(X_train, y_train, epochs=5)\n"
        },
        expect="500",
        name="solver-max-iter-is-not-a-long-run",
    ),
    RuleCase(
        "GT101",
        {
            "plot_topic_classication.py": "from imblearn.pipeline import make_pipeline\nfrom imblearn.under_sampling import RandomUnderSampler\nfrom sklearn.naive_bayes import MultinomialNB\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n\nmodel = make_pipeline(TfidfVectorizer(), RandomUnderSampler(), MultinomialNB())\nmodel.fit(X_train, y_train)\n"
        },
        {
            "plot_topic_classication.py": "from imblearn.pipeline import make_pipeline\nfrom imblearn.over_sampling import RandomOverSampler\nfrom sklearn.naive_bayes import MultinomialNB\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n\nmodel = make_pipeline(TfidfVectorizer(), RandomOverSampler(), MultinomialNB())\nmodel.fit(X_train, y_train)\n"
        },
        expect="RandomUnderSampler",
        name="imblearn-under-sampling",
    ),
    RuleCase(
        "GT101",
        {
            "ch15_part2.py": "import tensorflow as tf\nimport tensorflow_datasets as tfds\n\nceleba_train = tfds.load('celeb_a', split='train')\nceleba_train = celeba_train.take(16000)\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(celeba_train.batch(32), epochs=20)\n"
        },
        {
            "ch15_part2.py": "import tensorflow as tf\nimport tensorflow_datasets as tfds\n\nceleba_train = tfds.load('celeb_a', split='train')\nprint(celeba_train.take(2))\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(celeba_train.batch(32), epochs=20)\n"
        },
        expect="celeba_train.take(16000)",
        name="tf-data-take",
    ),
    RuleCase(
        "GT311",
        {
            "README.md": "## Training\n\n```.bash\npython train.py --outdir=~/training-runs --cfg=stylegan3-r --data=~/datasets/metfaces-1024x1024.zip --gpus=8 --batch=32 --gamma=6.6 --mirror=1 --kimg=5000 --snap=5 \\\n    --resume=https://api.ngc.nvidia.com/v2/models/nvidia/research/stylegan3/versions/1/files/stylegan3-r-ffhqu-1024x1024.pkl\n```\n",
            "train.py": "import click\nimport torch\n\n@click.command()\n@click.option('--resume', help='Resume from given network pickle', type=str)\n@click.option('--fp32', help='Disable mixed-precision', type=bool, default=False, show_default=True)\ndef main(**kwargs):\n    pass\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "README.md": "## Training\n\n```.bash\npython train.py --outdir=~/training-runs --cfg=stylegan3-r --data=~/datasets/metfaces-1024x1024.zip --gpus=8 --batch=32 --gamma=6.6 --mirror=1 --kimg=5000 --snap=5 \\\n    --resume=~/training-runs/00000/network-snapshot-000800.pkl\n```\n",
            "train.py": "import click\nimport torch\n\n@click.command()\n@click.option('--resume', help='Resume from given network pickle', type=str)\n@click.option('--fp32', help='Disable mixed-precision', type=bool, default=False, show_default=True)\ndef main(**kwargs):\n    pass\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="--resume https://",
        name="resume-from-a-published-network",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import click\nimport torch\n\n@click.command()\n@click.option('--resume', help='Resume from given network pickle', type=str)\n@click.option('--fp32', help='Disable mixed-precision', type=bool, default=False, show_default=True)\ndef main(**kwargs):\n    pass\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import click\nimport torch\n\n@click.command()\n@click.option('--resume', help='Resume from given network pickle', type=str)\n@click.option('--fp16', help='Enable mixed-precision', type=bool, default=False, show_default=True)\ndef main(**kwargs):\n    pass\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="mixed precision unless --fp32",
        name="negative-precision-switch",
    ),
    RuleCase(
        "GT606",
        {
            "model_def.py": "import torch\nfrom determined.pytorch import DataLoader, PyTorchTrial, PyTorchTrialContext\n\nclass MNistTrial(PyTorchTrial):\n    def __init__(self, context: PyTorchTrialContext):\n        self.context = context\n        self.model = self.context.wrap_model(build_model())\n        self.optimizer = self.context.wrap_optimizer(torch.optim.Adadelta(self.model.parameters()))\n\n    def train_batch(self, batch, epoch_idx, batch_idx):\n        data, labels = batch\n        loss = torch.nn.functional.nll_loss(self.model(data), labels)\n        self.context.backward(loss)\n        self.context.step_optimizer(self.optimizer)\n        return {'loss': loss}\n"
        },
        {
            "model_def.py": "import torch\nfrom mylib import DataLoader, PyTorchTrial, PyTorchTrialContext\n\nclass MNistTrial(PyTorchTrial):\n    def __init__(self, context: PyTorchTrialContext):\n        self.context = context\n        self.model = self.context.wrap_model(build_model())\n        self.optimizer = self.context.wrap_optimizer(torch.optim.Adadelta(self.model.parameters()))\n\n    def train_batch(self, batch, epoch_idx, batch_idx):\n        data, labels = batch\n        loss = torch.nn.functional.nll_loss(self.model(data), labels)\n        self.context.record(loss)\n        self.context.step_optimizer(self.optimizer)\n        return {'loss': loss}\n"
        },
        expect="model_def.py",
        name="determined-trial-trains",
    ),
    RuleCase(
        "GT301",
        {
            "adaptive.yaml": "name: mnist_pytorch_adaptive_search\nhyperparameters:\n  learning_rate:\n    type: double\n    minval: 0.0001\n    maxval: 1.0\nsearcher:\n  name: adaptive_asha\n  metric: validation_loss\n  smaller_is_better: true\n  max_trials: 16\n  max_length:\n    batches: 937\nentrypoint: model_def:MNistTrial\n",
            "model_def.py": "import torch\nfrom determined.pytorch import DataLoader, PyTorchTrial, PyTorchTrialContext\n\nclass MNistTrial(PyTorchTrial):\n    def __init__(self, context: PyTorchTrialContext):\n        self.context = context\n        self.model = self.context.wrap_model(build_model())\n        self.optimizer = self.context.wrap_optimizer(torch.optim.Adadelta(self.model.parameters()))\n\n    def train_batch(self, batch, epoch_idx, batch_idx):\n        data, labels = batch\n        loss = torch.nn.functional.nll_loss(self.model(data), labels)\n        self.context.backward(loss)\n        self.context.step_optimizer(self.optimizer)\n        return {'loss': loss}\n",
        },
        {
            "adaptive.yaml": "name: mnist_pytorch_adaptive_search\nhyperparameters:\n  learning_rate:\n    type: double\n    minval: 0.0001\n    maxval: 1.0\nsearcher:\n  name: adaptive_asha\n  metric: validation_loss\n  smaller_is_better: true\n  max_length:\n    batches: 937\nentrypoint: model_def:MNistTrial\n",
            "model_def.py": "import torch\nfrom determined.pytorch import DataLoader, PyTorchTrial, PyTorchTrialContext\n\nclass MNistTrial(PyTorchTrial):\n    def __init__(self, context: PyTorchTrialContext):\n        self.context = context\n        self.model = self.context.wrap_model(build_model())\n        self.optimizer = self.context.wrap_optimizer(torch.optim.Adadelta(self.model.parameters()))\n\n    def train_batch(self, batch, epoch_idx, batch_idx):\n        data, labels = batch\n        loss = torch.nn.functional.nll_loss(self.model(data), labels)\n        self.context.backward(loss)\n        self.context.step_optimizer(self.optimizer)\n        return {'loss': loss}\n",
        },
        expect="searcher.max_trials",
        name="determined-searcher-max-trials",
    ),
    RuleCase(
        "GT404",
        {
            "train_example.py": "import os\nimport tempfile\nimport torch\nfrom ray import train\nfrom ray.train import Checkpoint, ScalingConfig\nfrom ray.train.torch import TorchTrainer\n\ndef train_func(config):\n    model = train.torch.prepare_model(build_model())\n    for epoch in range(config['epochs']):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x), y)\n            loss.backward()\n            optimizer.step()\n        with tempfile.TemporaryDirectory() as d:\n            write_state(model, d)\n            train.report({'loss': loss.item()}, checkpoint=Checkpoint.from_directory(d))\n\ntrainer = TorchTrainer(train_func, scaling_config=ScalingConfig(num_workers=2, use_gpu=True))\nresult = trainer.fit()\n"
        },
        {
            "train_example.py": "import os\nimport tempfile\nimport torch\nfrom ray import train\nfrom ray.train import Checkpoint, ScalingConfig\nfrom ray.train.torch import TorchTrainer\n\ndef train_func(config):\n    model = train.torch.prepare_model(build_model())\n    for epoch in range(config['epochs']):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x), y)\n            loss.backward()\n            optimizer.step()\n        with tempfile.TemporaryDirectory() as d:\n            write_state(model, d)\n            train.report({'loss': loss.item()})\n\ntrainer = TorchTrainer(train_func, scaling_config=ScalingConfig(num_workers=2, use_gpu=True))\nresult = trainer.fit()\n"
        },
        expect="ray.train.report(checkpoint=...)",
        name="ray-train-report-checkpoint",
    ),
    RuleCase(
        "GT302",
        {
            "tuning.py": "from pytorch_tabular import TabularModel\nfrom pytorch_tabular.config import DataConfig, OptimizerConfig, TrainerConfig\nfrom pytorch_tabular.models import CategoryEmbeddingModelConfig\n\ntrainer_config = TrainerConfig(batch_size=1024, max_epochs=100, early_stopping='valid_loss', early_stopping_patience=5, checkpoints='valid_loss', load_best=True)\ntabular_model = TabularModel(data_config=data_config, model_config=CategoryEmbeddingModelConfig(task='classification'), optimizer_config=OptimizerConfig(), trainer_config=trainer_config)\ntabular_model.fit(train=train, validation=val)\n"
        },
        {
            "tuning.py": "from pytorch_tabular import TabularModel\nfrom pytorch_tabular.config import DataConfig, OptimizerConfig, TrainerConfig\nfrom pytorch_tabular.models import CategoryEmbeddingModelConfig\n\ntrainer_config = TrainerConfig(batch_size=1024, max_epochs=100, early_stopping=None, early_stopping_patience=5, checkpoints='valid_loss', load_best=True)\ntabular_model = TabularModel(data_config=data_config, model_config=CategoryEmbeddingModelConfig(task='classification'), optimizer_config=OptimizerConfig(), trainer_config=trainer_config)\ntabular_model.fit(train=train, validation=val)\n"
        },
        expect="early_stopping='valid_loss'",
        name="pytorch-tabular-early-stopping-metric",
    ),
    RuleCase(
        "GT404",
        {
            "tuning.py": "from pytorch_tabular import TabularModel\nfrom pytorch_tabular.config import DataConfig, OptimizerConfig, TrainerConfig\nfrom pytorch_tabular.models import CategoryEmbeddingModelConfig\n\ntrainer_config = TrainerConfig(batch_size=1024, max_epochs=100, early_stopping='valid_loss', early_stopping_patience=5, checkpoints='valid_loss', load_best=True)\ntabular_model = TabularModel(data_config=data_config, model_config=CategoryEmbeddingModelConfig(task='classification'), optimizer_config=OptimizerConfig(), trainer_config=trainer_config)\ntabular_model.fit(train=train, validation=val)\n"
        },
        {
            "tuning.py": "from pytorch_tabular import TabularModel\nfrom pytorch_tabular.config import DataConfig, OptimizerConfig, TrainerConfig\nfrom pytorch_tabular.models import CategoryEmbeddingModelConfig\n\ntrainer_config = TrainerConfig(batch_size=1024, max_epochs=100, early_stopping='valid_loss', early_stopping_patience=5, checkpoints=None, load_best=True)\ntabular_model = TabularModel(data_config=data_config, model_config=CategoryEmbeddingModelConfig(task='classification'), optimizer_config=OptimizerConfig(), trainer_config=trainer_config)\ntabular_model.fit(train=train, validation=val)\n"
        },
        expect="checkpoints=valid_loss",
        name="pytorch-tabular-checkpoints",
    ),
    RuleCase(
        "GT302",
        {
            "trainer_config.yml": "accelerator: gpu\nmax_epochs: 20\nearly_stopping: valid_loss\nearly_stopping_min_delta: 0.001\nearly_stopping_mode: min\nearly_stopping_patience: 3\n",
            "train.py": "import torch\nfor epoch in range(20):\n    loss = model(x).mean()\n    loss.backward()\n",
        },
        {
            "trainer_config.yml": "accelerator: gpu\nmax_epochs: 20\nearly_stopping: null\nearly_stopping_min_delta: 0.001\nearly_stopping_mode: min\nearly_stopping_patience: 3\n",
            "train.py": "import torch\nfor epoch in range(20):\n    loss = model(x).mean()\n    loss.backward()\n",
        },
        expect="early_stopping",
        name="config-early-stopping-null-is-off",
    ),
    RuleCase(
        "GT301",
        {
            "hyperparam-opt.py": "from dask_ml.model_selection import HyperbandSearchCV\nfrom sklearn.linear_model import SGDClassifier\n\nparams = {'alpha': [1e-4, 1e-3, 1e-2], 'l1_ratio': [0.1, 0.5, 0.9]}\nsearch = HyperbandSearchCV(SGDClassifier(), params, max_iter=81, patience=True)\nsearch.fit(X_train, y_train, classes=[0, 1])\n"
        },
        {
            "hyperparam-opt.py": "from mylib import HyperbandSearchCVX\nfrom sklearn.linear_model import SGDClassifier\n\nparams = {'alpha': [1e-4, 1e-3, 1e-2], 'l1_ratio': [0.1, 0.5, 0.9]}\nsearch = HyperbandSearchCVX(SGDClassifier(), params, max_iter=81, patience=True)\nsearch.fit(X_train, y_train, classes=[0, 1])\n"
        },
        expect="HyperbandSearchCV",
        name="dask-ml-hyperband",
    ),
    RuleCase(
        "GT301",
        {
            "binary_classifier.py": "import pandas as pd\nfrom supervised.automl import AutoML\n\ndf = pd.read_csv('adult.csv')\nautoml = AutoML(algorithms=['LightGBM', 'Xgboost'], total_time_limit=600, explain_level=0)\nautoml.fit(df[df.columns[:-1]], df['income'])\n"
        },
        {
            "binary_classifier.py": "import pandas as pd\nfrom supervised.automl import AutoML\n\ndf = pd.read_csv('adult.csv')\nautoml = AutoML(algorithms=['LightGBM', 'Xgboost'], explain_level=0)\nautoml.fit(df[df.columns[:-1]], df['income'])\n"
        },
        expect="total_time_limit=600",
        name="mljar-time-limit",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\n\ndef train(args):\n    param_dtype = torch.bfloat16\n    model = load_model(args.model_id_or_path)\n    for p in model.parameters():\n        p.data = p.data.to(param_dtype)\n    model = model.cuda()\n    for step in range(1000):\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import torch\n\ndef train(args):\n    param_dtype = torch.float32\n    model = load_model(args.model_id_or_path)\n    for p in model.parameters():\n        p.data = p.data.to(param_dtype)\n    model = model.cuda()\n    for step in range(1000):\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="param_dtype = torch.bfloat16",
        name="param-dtype-assigned-half",
    ),
    RuleCase(
        "GT311",
        {
            "example/7B.yaml": "model_id_or_path: /root/mistral_models/7B\nlora:\n  rank: 64\nseq_len: 32768\nbatch_size: 1\nmax_steps: 300\n",
            "train.py": "import torch\nfor step in range(1000):\n    loss = model(batch).mean()\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            "example/7B.yaml": "seq_len: 32768\nbatch_size: 1\nmax_steps: 300\n",
            "train.py": "import torch\nfor step in range(1000):\n    loss = model(batch).mean()\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="lora.rank: 64",
        name="nested-lora-rank",
    ),
    RuleCase(
        "GT207",
        {
            "config_tiny_llama.yaml": "optimizer:\n  optimizer_factory:\n    adam_beta1: 0.9\n    name: adamW\n    torch_adam_is_fused: true\n  learning_rate_scheduler:\n    learning_rate: 0.0003\n",
            "run_train.py": "from nanotron.trainer import DistributedTrainer\n\ntrainer = DistributedTrainer('examples/config_tiny_llama.yaml')\ntrainer.train(dataloader)\n",
        },
        {
            "config_tiny_llama.yaml": "optimizer:\n  optimizer_factory:\n    adam_beta1: 0.9\n    name: adamW\n    torch_adam_is_fused: false\n  learning_rate_scheduler:\n    learning_rate: 0.0003\n",
            "run_train.py": "from nanotron.trainer import DistributedTrainer\n\ntrainer = DistributedTrainer('examples/config_tiny_llama.yaml')\ntrainer.train(dataloader)\n",
        },
        expect="torch_adam_is_fused",
        name="nanotron-fused-adam",
    ),
    RuleCase(
        "GT606",
        {
            "run_train.py": "from nanotron.trainer import DistributedTrainer\n\ntrainer = DistributedTrainer('examples/config_tiny_llama.yaml')\ntrainer.train(dataloader)\n"
        },
        {
            "run_train.py": "from mylib import DistributedTrainer\n\ntrainer = DistributedTrainer('examples/config_tiny_llama.yaml')\ntrainer.train(dataloader)\n"
        },
        expect="run_train.py",
        name="nanotron-trainer-trains",
    ),
    RuleCase(
        "GT401",
        {
            "unsloth-cli.py": "from unsloth import FastLanguageModel, is_bfloat16_supported\nfrom trl import SFTTrainer\nfrom transformers import TrainingArguments\n\nmodel, tokenizer = FastLanguageModel.from_pretrained('unsloth/llama-3-8b-bnb-4bit', load_in_4bit=True)\ntrainer = SFTTrainer(model=model, train_dataset=dataset, args=TrainingArguments(per_device_train_batch_size=2, max_steps=60, fp16=not is_bfloat16_supported(), bf16=is_bfloat16_supported(), output_dir='outputs'))\ntrainer.train()\n"
        },
        {
            "unsloth-cli.py": "from unsloth import FastLanguageModel, is_bfloat16_supported\nfrom trl import SFTTrainer\nfrom transformers import TrainingArguments\n\nmodel, tokenizer = FastLanguageModel.from_pretrained('unsloth/llama-3-8b-bnb-4bit', load_in_4bit=False)\ntrainer = SFTTrainer(model=model, train_dataset=dataset, args=TrainingArguments(per_device_train_batch_size=2, max_steps=60, output_dir='outputs'))\ntrainer.train()\n"
        },
        expect="whichever the GPU supports",
        name="bf16-where-supported",
    ),
    RuleCase(
        "GT404",
        {
            "unsloth-cli.py": "from unsloth import FastLanguageModel, is_bfloat16_supported\nfrom trl import SFTTrainer\nfrom transformers import TrainingArguments\n\nmodel, tokenizer = FastLanguageModel.from_pretrained('unsloth/llama-3-8b-bnb-4bit', load_in_4bit=True)\ntrainer = SFTTrainer(model=model, train_dataset=dataset, args=TrainingArguments(per_device_train_batch_size=2, max_steps=4000, fp16=not is_bfloat16_supported(), bf16=is_bfloat16_supported(), output_dir='outputs'))\ntrainer.train()\n"
        },
        {
            "unsloth-cli.py": "from unsloth import FastLanguageModel, is_bfloat16_supported\nfrom trl import SFTTrainer\nfrom transformers import TrainingArguments\n\nmodel, tokenizer = FastLanguageModel.from_pretrained('unsloth/llama-3-8b-bnb-4bit', load_in_4bit=True)\ntrainer = SFTTrainer(model=model, train_dataset=dataset, args=TrainingArguments(per_device_train_batch_size=2, max_steps=60, fp16=not is_bfloat16_supported(), bf16=is_bfloat16_supported(), output_dir='outputs'))\ntrainer.train()\n"
        },
        expect="500 steps",
        name="hf-default-save-past-a-short-run",
    ),
    RuleCase(
        "GT311",
        {
            "configs/sam2.1_training/finetune.yaml": "trainer:\n  _target_: training.trainer.Trainer\n  max_epochs: 40\n  checkpoint:\n    save_dir: ./sam2_logs/checkpoints\n    save_freq: 0\n    model_weight_initializer:\n      _partial_: True\n      _target_: training.utils.checkpoint_utils.load_state_dict_into_model\n      strict: True\n      state_dict:\n        _target_: training.utils.checkpoint_utils.load_checkpoint_and_apply_kernels\n        checkpoint_path: ./checkpoints/sam2.1_hiera_base_plus.pt\n        ckpt_state_dict_keys: ['model']\n",
            "training/train.py": "import torch\nfor epoch in range(40):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "configs/sam2.1_training/finetune.yaml": "trainer:\n  _target_: training.trainer.Trainer\n  max_epochs: 40\n  checkpoint:\n    save_dir: ./sam2_logs/checkpoints\n    save_freq: 0\n    model_weight_initializer:\n      _partial_: True\n      _target_: training.utils.checkpoint_utils.load_state_dict_into_model\n      strict: True\n      state_dict:\n        _target_: training.utils.checkpoint_utils.load_checkpoint_and_apply_kernels\n        checkpoint_path: null\n        ckpt_state_dict_keys: ['model']\n",
            "training/train.py": "import torch\nfor epoch in range(40):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="checkpoint_path",
        name="weight-initializer-checkpoint",
    ),
    RuleCase(
        "GT311",
        {
            "configuration_act.py": "from dataclasses import dataclass\n\n@dataclass\nclass ACTConfig:\n    vision_backbone: str = 'resnet18'\n    pretrained_backbone_weights: str | None = 'ResNet18_Weights.IMAGENET1K_V1'\n    dim_model: int = 512\n",
            "train.py": "import torch\nfor epoch in range(40):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "configuration_act.py": "from dataclasses import dataclass\n\n@dataclass\nclass ACTConfig:\n    vision_backbone: str = 'resnet18'\n    pretrained_backbone_weights: str | None = None\n    dim_model: int = 512\n",
            "train.py": "import torch\nfor epoch in range(40):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="ResNet18_Weights.IMAGENET1K_V1",
        name="pretrained-backbone-weights",
    ),
    RuleCase(
        "GT408",
        {
            "train.py": "import torch\nfor epoch in range(10):\n    epoch_loss = 0\n    for data, label in train_loader:\n        output = model(data)\n        loss = criterion(output, label)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n        epoch_loss += loss / len(train_loader)\n    print(epoch_loss)\n",
        },
        {
            "train.py": "import torch\nfor epoch in range(10):\n    epoch_loss = 0\n    for data, label in train_loader:\n        output = model(data)\n        loss = criterion(output, label)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n        epoch_loss += loss.item() / len(train_loader)\n    print(epoch_loss)\n",
        },
        expect="epoch_loss += loss / len(train_loader)",
        name="loss-summed-into-running-total",
    ),
    RuleCase(
        "GT408",
        {
            "train.py": "import torch\nfor batch in loader:\n    total_loss = 0\n    for head in heads:\n        loss = criterion(head(batch), batch.y)\n        total_loss += loss\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            "train.py": "import torch\nfor batch in loader:\n    total_loss = 0\n    for head in heads:\n        loss = criterion(head(batch), batch.y)\n        total_loss += loss\n    total_loss.backward()\n    optimizer.step()\n",
        },
        expect="total_loss += loss",
        name="summed-loss-backpropagated-is-not-kept",
    ),
    RuleCase(
        "GT101",
        {
            "train_sft.py": "import argparse\nfrom datasets import load_dataset\nfrom transformers import AutoModelForCausalLM\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_samples', type=int, default=1e8)\nargs = parser.parse_args()\ntrain_data = load_dataset('json', data_files='sft.jsonl')['train']\ntrain_data = train_data.select(range(min(args.max_samples, len(train_data))))\nmodel = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3-8B')\n",
            "scripts/train_sft.sh": "deepspeed --module train_sft --max_samples 500000 --bf16\n",
        },
        {
            "train_sft.py": "import argparse\nfrom datasets import load_dataset\nfrom transformers import AutoModelForCausalLM\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_samples', type=int, default=1e8)\nargs = parser.parse_args()\ntrain_data = load_dataset('json', data_files='sft.jsonl')['train']\ntrain_data = train_data.select(range(min(args.max_samples, len(train_data))))\nmodel = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3-8B')\n",
            "scripts/train_sft.sh": "deepspeed --module train_sft --bf16\n",
        },
        expect="--max_samples 500000",
        name="select-capped-by-an-option-passed-at-launch",
    ),
    RuleCase(
        "GT101",
        {
            "train_sft.py": "import argparse\nfrom datasets import load_dataset\nfrom transformers import AutoModelForCausalLM\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_samples', type=int, default=20000)\nargs = parser.parse_args()\ntrain_data = load_dataset('json', data_files='sft.jsonl')['train']\ntrain_data = train_data.select(range(min(args.max_samples, len(train_data))))\nmodel = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3-8B')\n",
        },
        {
            "train_sft.py": "import argparse\nfrom datasets import load_dataset\nfrom transformers import AutoModelForCausalLM\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_samples', type=int, default=1e8)\nargs = parser.parse_args()\ntrain_data = load_dataset('json', data_files='sft.jsonl')['train']\ntrain_data = train_data.select(range(min(args.max_samples, len(train_data))))\nmodel = AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3-8B')\n",
        },
        expect="--max_samples default 20000",
        name="select-capped-by-an-option-default",
    ),
    RuleCase(
        "GT505",
        {
            "train_llama_slurm.sh": '#!/bin/bash\n#SBATCH -N 1\n#SBATCH --exclusive\nreadonly GPUS_PER_NODE=8\nsource ./train_sft.sh slurm\nsrun --container-image=nvcr.io/nvidia/pytorch:24.02-py3 \\\n    bash -c "cd /workspace; torchrun \\\n--nproc_per_node $GPUS_PER_NODE --nnodes $SLURM_NNODES ${training_commands}"\n',
            "train.py": "import torch\nimport deepspeed\nfor batch in loader:\n    loss = engine(batch)\n    engine.backward(loss)\n    engine.step()\n",
        },
        {
            "train_llama_slurm.sh": '#!/bin/bash\n#SBATCH -N 1\n#SBATCH --exclusive\nreadonly GPUS_PER_NODE=1\nsource ./train_sft.sh slurm\nsrun --container-image=nvcr.io/nvidia/pytorch:24.02-py3 \\\n    bash -c "cd /workspace; torchrun \\\n--nproc_per_node $GPUS_PER_NODE --nnodes $SLURM_NNODES ${training_commands}"\n',
            "train.py": "import torch\nimport deepspeed\nfor batch in loader:\n    loss = engine(batch)\n    engine.backward(loss)\n    engine.step()\n",
        },
        expect="jobs request 8 GPUs",
        name="torchrun-in-bash-c-of-srun",
    ),
    RuleCase(
        "GT314",
        {
            "lightgbm/lightgbm_simple.py": "import lightgbm as lgb\nimport optuna\ndef objective(trial):\n    param = {'num_leaves': trial.suggest_int('num_leaves', 2, 256)}\n    gbm = lgb.train(param, dtrain)\n    return accuracy(gbm)\nstudy = optuna.create_study(direction='maximize')\nstudy.optimize(objective, n_trials=100)\n",
            "xgboost/xgboost_integration.py": "import optuna\nimport xgboost as xgb\ndef objective(trial):\n    pruning = optuna.integration.XGBoostPruningCallback(trial, 'validation-auc')\n    bst = xgb.train(param, dtrain, evals=[(dvalid, 'validation')], callbacks=[pruning])\n    return score(bst)\nstudy = optuna.create_study(pruner=optuna.pruners.MedianPruner(), direction='maximize')\nstudy.optimize(objective, n_trials=100)\n",
        },
        {
            "lightgbm/lightgbm_simple.py": "import lightgbm as lgb\nimport optuna\ndef objective(trial):\n    param = {'num_leaves': trial.suggest_int('num_leaves', 2, 256)}\n    gbm = lgb.train(param, dtrain, callbacks=[optuna.integration.LightGBMPruningCallback(trial, 'auc')])\n    return accuracy(gbm)\nstudy = optuna.create_study(direction='maximize')\nstudy.optimize(objective, n_trials=100)\n",
            "xgboost/xgboost_integration.py": "import optuna\nimport xgboost as xgb\ndef objective(trial):\n    pruning = optuna.integration.XGBoostPruningCallback(trial, 'validation-auc')\n    bst = xgb.train(param, dtrain, evals=[(dvalid, 'validation')], callbacks=[pruning])\n    return score(bst)\nstudy = optuna.create_study(pruner=optuna.pruners.MedianPruner(), direction='maximize')\nstudy.optimize(objective, n_trials=100)\n",
        },
        expect="n_trials=100",
        name="study-unpruned-beside-a-pruned-one",
    ),
    RuleCase(
        "GT314",
        {
            "multi_objective/pytorch_simple.py": "import optuna\nimport torch\ndef objective(trial):\n    model = define_model(trial)\n    for epoch in range(10):\n        train(model)\n    return accuracy(model), flops(model)\nstudy = optuna.create_study(direction='maximize')\nstudy.optimize(objective, n_trials=30, timeout=300)\n",
        },
        {
            "multi_objective/pytorch_simple.py": "import optuna\nimport torch\ndef objective(trial):\n    model = define_model(trial)\n    for epoch in range(10):\n        train(model)\n    return accuracy(model), flops(model)\nstudy = optuna.create_study(directions=['minimize', 'maximize'])\nstudy.optimize(objective, n_trials=30, timeout=300)\n",
        },
        expect="study.optimize(objective",
        name="multi-objective-study-cannot-prune",
    ),
    RuleCase(
        "GT602",
        {
            ".github/workflows/train.yml": "name: pytorch\non:\n  schedule:\n    - cron: '0 15 * * *'\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python-version: ['3.11']\n    steps:\n    - uses: actions/checkout@v4\n    - name: Run PyTorch examples\n      run: |\n        python pytorch/train.py\n",
            "pytorch/train.py": "import torch\nfrom torchvision import datasets\ndata = datasets.FashionMNIST('data', train=True, download=True)\nfor epoch in range(10):\n    for x, y in loader:\n        loss = model(x).sum()\n        loss.backward()\n        optimizer.step()\ntorch.save(model.state_dict(), 'model.pt')\n",
        },
        {
            ".github/workflows/train.yml": "name: pytorch\non:\n  schedule:\n    - cron: '0 15 * * *'\njobs:\n  examples:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python-version: ['3.8', '3.9', '3.10', '3.11']\n    steps:\n    - uses: actions/checkout@v4\n    - name: Run PyTorch examples\n      run: |\n        python pytorch/train.py\n",
            "pytorch/train.py": "import torch\nfrom torchvision import datasets\ndata = datasets.FashionMNIST('data', train=True, download=True)\nfor epoch in range(10):\n    for x, y in loader:\n        loss = model(x).sum()\n        loss.backward()\n        optimizer.step()\ntorch.save(model.state_dict(), 'model.pt')\n",
        },
        expect="python pytorch/train.py",
        name="nightly-test-matrix-is-not-retraining",
    ),
    RuleCase(
        "GT301",
        {
            "automl.py": "from flaml import AutoML\nautoml = AutoML()\nsettings = {\n    'time_budget': 600,\n    'metric': 'accuracy',\n    'task': 'classification',\n}\nautoml.fit(X_train=X_train, y_train=y_train, **settings)\ntime_history, best_loss = get_output_from_log(filename=settings['log_file_name'], time_budget=240)\n",
        },
        {
            "automl.py": "from flaml import AutoML\nautoml = AutoML()\nsettings = {\n    'metric': 'accuracy',\n    'task': 'classification',\n}\nautoml.fit(X_train=X_train, y_train=y_train, **settings)\ntime_history, best_loss = get_output_from_log(filename=settings['log_file_name'], time_budget=240)\n",
        },
        expect="fit(**settings with time_budget=600)",
        name="automl-budget-in-a-splatted-dict",
    ),
    RuleCase(
        "GT102",
        {
            "tutorial.py": "from pycaret.classification import *\nimport pandas as pd\ndata = pd.read_csv('diabetes.csv')\ns = setup(data, target='Class variable', session_id=123)\ndt = create_model('dt')\ntuned_dt = tune_model(dt)\n",
        },
        {
            "tutorial.py": "from pycaret.classification import *\nfrom pycaret.datasets import get_data\ndata = get_data('diabetes')\ns = setup(data, target='Class variable', session_id=123)\ndt = create_model('dt')\ntuned_dt = tune_model(dt)\n",
        },
        expect="tune_model",
        name="pycaret-bundled-dataset-is-a-sample",
    ),
    RuleCase(
        "GT408",
        {
            "recipes/lora_finetune.py": "import torch\nclass Recipe:\n    def train(self):\n        running_loss = 0\n        for curr_epoch in range(self.total_epochs):\n            for idx, batch in enumerate(self._dataloader):\n                loss = self._loss_fn(self._model(batch['tokens']), batch['labels'])\n                loss = loss / self._gradient_accumulation_steps\n                running_loss += loss\n                loss.backward()\n                if (idx + 1) % self._gradient_accumulation_steps == 0:\n                    self._optimizer.step()\n                    loss_to_log = running_loss.item()\n",
        },
        {
            "recipes/lora_finetune.py": "import torch\nclass Recipe:\n    def train(self):\n        running_loss = 0\n        for curr_epoch in range(self.total_epochs):\n            for idx, batch in enumerate(self._dataloader):\n                loss = self._loss_fn(self._model(batch['tokens']), batch['labels'])\n                loss = loss / self._gradient_accumulation_steps\n                running_loss += loss\n                loss.backward()\n                if (idx + 1) % self._gradient_accumulation_steps == 0:\n                    self._optimizer.step()\n                    loss_to_log = running_loss.item()\n                    running_loss = 0\n",
        },
        expect="running_loss += loss",
        name="running-total-reset-each-step",
    ),
    RuleCase(
        "GT308",
        {
            "recipes/lora_finetune.py": "import torch\nclass LoRAFinetuneRecipeSingleDevice:\n    def setup(self, cfg):\n        self._compile = cfg.get('compile', False)\n        self._model = self._setup_model(cfg_model=cfg.model, compile_model=self._compile)\n        self._compile_optimizer_step = bool(cfg.get('compile'))\n        if self._compile_optimizer_step:\n            self._optimizer.step = torch.compile(self._optimizer.step, backend='inductor')\n    def _setup_model(self, cfg_model, compile_model):\n        model = config.instantiate(cfg_model)\n        if compile_model:\n            model.compile(backend='inductor')\n        return model\n    def train(self):\n        for epoch in range(self.total_epochs):\n            for batch in self._dataloader:\n                loss = self._loss_fn(self._model(batch['tokens'].to('cuda')), batch['labels'])\n                loss.backward()\n                self._optimizer.step()\n",
            "recipes/configs/8B_lora.yaml": "model:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\ndevice: cuda\ndtype: bf16\nepochs: 1\ncompile: True  # torch.compile the model + loss, True increases speed + decreases memory\n",
        },
        {
            "recipes/lora_finetune.py": "import torch\nclass LoRAFinetuneRecipeSingleDevice:\n    def setup(self, cfg):\n        self._compile = cfg.get('compile', False)\n        self._model = self._setup_model(cfg_model=cfg.model, compile_model=self._compile)\n        self._compile_optimizer_step = bool(cfg.get('compile'))\n        if self._compile_optimizer_step:\n            self._optimizer.step = torch.compile(self._optimizer.step, backend='inductor')\n    def _setup_model(self, cfg_model, compile_model):\n        model = config.instantiate(cfg_model)\n        if compile_model:\n            model.compile(backend='inductor')\n        return model\n    def train(self):\n        for epoch in range(self.total_epochs):\n            for batch in self._dataloader:\n                loss = self._loss_fn(self._model(batch['tokens'].to('cuda')), batch['labels'])\n                loss.backward()\n                self._optimizer.step()\n",
            "recipes/configs/8B_lora.yaml": "model:\n  _component_: torchtune.models.llama3_1.lora_llama3_1_8b\ndevice: cuda\ndtype: bf16\nepochs: 1\ncompile: False  # torch.compile the model + loss, True increases speed + decreases memory\n",
        },
        expect="compile",
        name="module-compile-behind-a-switch-configured-off",
    ),
    RuleCase(
        "GT603",
        {
            "project.yml": "title: 'Categorization of emotions in Reddit posts (Text Classification)'\nvars:\n  config: 'cnn'\n  gpu_id: -1\ncommands:\n  - name: preprocess\n    script:\n      - 'python scripts/convert_corpus.py'\n    deps:\n      - 'assets/train.tsv'\n    outputs_no_cache:\n      - 'corpus/train.spacy'\n  - name: train\n    script:\n      - 'python -m spacy train ./configs/${vars.config}.cfg -o training/${vars.config} --gpu-id ${vars.gpu_id}'\n    deps:\n      - 'corpus/train.spacy'\n      - 'configs/${vars.config}.cfg'\n    outputs:\n      - 'training/${vars.config}/model-best'\n",
        },
        {
            "project.yml": "title: 'Categorization of emotions in Reddit posts (Text Classification)'\nvars:\n  config: 'cnn'\n  gpu_id: -1\ncommands:\n  - name: preprocess\n    script:\n      - 'python scripts/convert_corpus.py'\n    outputs_no_cache:\n      - 'corpus/train.spacy'\n  - name: train\n    script:\n      - 'python -m spacy train ./configs/${vars.config}.cfg -o training/${vars.config} --gpu-id ${vars.gpu_id}'\n    outputs:\n      - 'training/${vars.config}/model-best'\n",
        },
        expect="spaCy project command 'train' with deps and outputs",
        name="spacy-project-commands-with-deps",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfor epoch in range(90):\n    for x, y in loader:\n        loss = criterion(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\ntorch.onnx.export(model, sample, 'model.onnx')\n",
            "build_engine.sh": "#!/bin/bash\ntrtexec --onnx=model.onnx --saveEngine=model_repository/resnet50_trt/1/model.plan --explicitBatch --fp16\n",
        },
        {
            "train.py": "import torch\nfor epoch in range(90):\n    for x, y in loader:\n        loss = criterion(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\ntorch.onnx.export(model, sample, 'model.onnx')\n",
            "build_engine.sh": "#!/bin/bash\ntrtexec --onnx=model.onnx --saveEngine=model_repository/resnet50_trt/1/model.plan --explicitBatch\n",
        },
        expect="trtexec --fp16",
        name="tensorrt-engine-built-in-fp16",
    ),
    RuleCase(
        "GT304",
        {
            "nested_cv.py": 'from sklearn.datasets import load_iris\nfrom sklearn.model_selection import GridSearchCV, KFold, cross_val_score\nfrom sklearn.svm import SVC\n\nX, y = load_iris(return_X_y=True)\np_grid = {"C": [1, 10, 100], "gamma": [0.01, 0.1]}\nNUM_TRIALS = 30\n\nfor i in range(NUM_TRIALS):\n    clf = GridSearchCV(estimator=SVC(kernel="rbf"), param_grid=p_grid, cv=KFold(n_splits=4))\n    clf.fit(X, y)\n    nested_score = cross_val_score(clf, X=X, y=y, cv=KFold(n_splits=4))\n',
        },
        {
            "nested_cv.py": 'from sklearn.datasets import load_iris\nfrom sklearn.model_selection import GridSearchCV, KFold, cross_val_score\nfrom sklearn.svm import SVC\n\nX, y = load_iris(return_X_y=True)\np_grid = {"C": [1, 10, 100], "gamma": [0.01, 0.1]}\nNUM_TRIALS = 3\n\nfor i in range(NUM_TRIALS):\n    clf = GridSearchCV(estimator=SVC(kernel="rbf"), param_grid=p_grid, cv=KFold(n_splits=4))\n    clf.fit(X, y)\n    plain_score = cross_val_score(SVC(), X=X, y=y, cv=KFold(n_splits=4))\n',
        },
        expect="× 4 outer folds (cross_val_score) × 30 loop iterations = 2880 fits",
        name="grid-repeated-by-nested-cv-in-a-loop",
    ),
    RuleCase(
        "GT304",
        {
            "evaluate.py": 'from sklearn.model_selection import GridSearchCV, cross_val_score\nfrom sklearn.ensemble import RandomForestClassifier\n\n\ndef evaluate(X, y):\n    grid = {"n_estimators": [100, 300], "max_depth": [4, 8, None]}\n    scores = cross_val_score(\n        GridSearchCV(RandomForestClassifier(), grid, cv=3),\n        X,\n        y,\n        cv=10,\n    )\n    return scores.mean()\n',
        },
        {
            "evaluate.py": 'from sklearn.model_selection import GridSearchCV, cross_val_score\nfrom sklearn.ensemble import RandomForestClassifier\n\n\ndef evaluate(X, y):\n    grid = {"n_estimators": [100, 300], "max_depth": [4, 8, None]}\n    scores = cross_val_score(\n        RandomForestClassifier(),\n        X,\n        y,\n        cv=10,\n    )\n    return scores.mean()\n\n\ndef tune(X, y):\n    grid = {"n_estimators": [100, 300], "max_depth": [4, 8, None]}\n    return GridSearchCV(RandomForestClassifier(), grid, cv=3).fit(X, y)\n',
        },
        expect="6 candidates × 3 folds × 10 outer folds (cross_val_score) = 180 fits",
        name="grid-written-inside-cross-val-score",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import argparse\nfrom pathlib import Path\nimport torch\nROOT = Path(__file__).parent\nparser = argparse.ArgumentParser()\nparser.add_argument('--weights', type=str, default=ROOT / 'yolov5s.pt', help='initial weights path')\nopt = parser.parse_args()\nckpt = torch.load(opt.weights)\nfor epoch in range(300):\n    loss = model(x)\n    loss.backward()\n",
            "val.py": "import argparse\nfrom pathlib import Path\nROOT = Path(__file__).parent\nparser = argparse.ArgumentParser()\nparser.add_argument('--weights', nargs='+', type=str, default=ROOT / 'yolov5s.pt', help='model path(s)')\n",
            "README.md": "# YOLOv5\n\nReproduce COCO from scratch:\n\n```bash\npython train.py --data coco.yaml --epochs 300 --weights '' --cfg yolov5n.yaml\n```\n\nFine-tune on your data:\n\n```bash\npython train.py --data coco128.yaml --epochs 3 --img 640\n```\n",
        },
        {
            "train.py": "import argparse\nfrom pathlib import Path\nimport torch\nROOT = Path(__file__).parent\nparser = argparse.ArgumentParser()\nparser.add_argument('--weights', type=str, default=ROOT / 'yolov5s.pt', help='initial weights path')\nopt = parser.parse_args()\nckpt = torch.load(opt.weights)\nfor epoch in range(300):\n    loss = model(x)\n    loss.backward()\n",
            "val.py": "import argparse\nfrom pathlib import Path\nROOT = Path(__file__).parent\nparser = argparse.ArgumentParser()\nparser.add_argument('--weights', nargs='+', type=str, default=ROOT / 'yolov5s.pt', help='model path(s)')\n",
            "README.md": "# YOLOv5\n\nReproduce COCO from scratch:\n\n```bash\npython train.py --data coco.yaml --epochs 300 --weights '' --cfg yolov5n.yaml\n```\n\nFine-tune on your data:\n\n```bash\npython train.py --data coco128.yaml --epochs 3 --img 640 --weights ''\n```\n",
        },
        expect="--weights default yolov5s.pt",
        name="yolov5-weights-default-with-one-scratch-launch",
    ),
    RuleCase(
        "GT103",
        {
            "tutorial.py": 'import pandas as pd\nfrom cleanlab import Datalab\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("grades.csv")\nlab = Datalab(data=df, label_name="letter_grade")\nlab.find_issues(features=df[["exam_1", "exam_2"]].to_numpy(), issue_types={"near_duplicate": {}})\nnear_duplicates = lab.get_issues("near_duplicate")\nidx = near_duplicates[near_duplicates["is_near_duplicate_issue"]].index\nclf = LogisticRegression().fit(df.drop(idx)[["exam_1", "exam_2"]], df.drop(idx)["letter_grade"])\n',
        },
        {
            "tutorial.py": 'import pandas as pd\nfrom cleanlab.filter import find_label_issues\nfrom cleanlab.typing import LabelLike\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("grades.csv")\nissues = find_label_issues(labels=df["letter_grade"], pred_probs=probs)\nclf = LogisticRegression().fit(df[~issues][["exam_1", "exam_2"]], df[~issues]["letter_grade"])\n',
        },
        expect="get_issues('near_duplicate')",
        name="cleanlab-near-duplicates-dropped-not-label-issues",
    ),
    RuleCase(
        "GT103",
        {
            "prep.py": 'import pandas as pd\nfrom sklearn.linear_model import LinearRegression\n\ndf = pd.read_csv("data/M4-train.csv")\ndf = df.drop_duplicates()\nseries = df.unique_id.drop_duplicates().to_list()[0:8]\nLinearRegression().fit(df[["x"]], df["y"])\n',
        },
        {
            "prep.py": 'import pandas as pd\nfrom sklearn.linear_model import LinearRegression\n\ndf = pd.read_csv("data/M4-train.csv")\nseries = df.unique_id.drop_duplicates().to_list()[0:8]\nLinearRegression().fit(df[["x"]], df["y"])\n',
        },
        expect="drop_duplicates",
        name="distinct-ids-listed-are-not-deduplication",
    ),
    RuleCase(
        "GT104",
        {
            "train.py": "from sklearn.linear_model import LinearRegression\nfrom data import load\n\nX, y = load()\nLinearRegression().fit(X, y)\n",
            "data.py": 'import pandas as pd\n\n\ndef load():\n    df = pd.read_csv("data/train.csv")\n    return df[["x"]], df["y"]\n',
            "evaluation.py": 'import pandas as pd\n\n\ndef evaluate(lib, group):\n    forecasts = pd.read_csv(f"data/{lib}-forecasts-M4-{group}.csv")\n    times = pd.read_csv(f"data/{lib}-time-M4-{group}.csv")\n    return forecasts, times\n',
        },
        {
            "train.py": "from sklearn.linear_model import LinearRegression\nfrom sklearn.datasets import load_diabetes\n\nX, y = load_diabetes(return_X_y=True)\nLinearRegression().fit(X, y)\n",
            "evaluation.py": 'import pandas as pd\n\n\ndef evaluate(lib, group):\n    forecasts = pd.read_csv(f"data/{lib}-forecasts-M4-{group}.csv")\n    times = pd.read_csv(f"data/{lib}-time-M4-{group}.csv")\n    return forecasts, times\n',
        },
        expect="read_csv",
        name="tables-read-back-by-an-evaluation-script",
    ),
    RuleCase(
        "GT408",
        {
            "train.py": "import torch\n\n\ndef train(model, loader, optimizer, log_freq):\n    losses_since_last_log = []\n    global_avg_losses = []\n    for step, (x, y) in enumerate(loader):\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n        losses_since_last_log.append(loss)\n        if step % log_freq == 0:\n            losses = [loss.item() for loss in losses_since_last_log]\n            avg_loss, max_loss = sum(losses) / len(losses), max(losses)\n            global_avg_loss = avg_loss\n            global_avg_losses.append(global_avg_loss)\n",
        },
        {
            "train.py": "import torch\n\n\ndef train(model, loader, optimizer, log_freq):\n    losses_since_last_log = []\n    global_avg_losses = []\n    for step, (x, y) in enumerate(loader):\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n        loss.backward()\n        optimizer.step()\n        losses_since_last_log.append(loss)\n        if step % log_freq == 0:\n            losses = [loss.item() for loss in losses_since_last_log]\n            avg_loss, max_loss = sum(losses) / len(losses), max(losses)\n            global_avg_loss = avg_loss\n            global_avg_losses.append(global_avg_loss)\n            losses_since_last_log.clear()\n",
        },
        expect="losses_since_last_log.append(loss)",
        name="loss-buffer-cleared-at-each-log-step",
    ),
    RuleCase(
        "GT401",
        {
            "parallelize.py": "import torch\nfrom torch.distributed._composable.fsdp import MixedPrecisionPolicy, fully_shard\n\n\ndef parallelize(model, param_dtype, reduce_dtype):\n    mp_policy = MixedPrecisionPolicy(param_dtype=param_dtype, reduce_dtype=reduce_dtype)\n    for block in model.layers:\n        fully_shard(block, mp_policy=mp_policy)\n    return fully_shard(model, mp_policy=mp_policy)\n\n\ndef train(model, loader, optimizer):\n    model = parallelize(model.cuda(), torch.bfloat16, torch.float32)\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "parallelize.py": "import torch\nfrom torch.distributed._composable.fsdp import MixedPrecisionPolicy, fully_shard\n\n\ndef parallelize(model, param_dtype, reduce_dtype):\n    mp_policy = MixedPrecisionPolicy(param_dtype=torch.float32, reduce_dtype=reduce_dtype)\n    for block in model.layers:\n        fully_shard(block, mp_policy=mp_policy)\n    return fully_shard(model, mp_policy=mp_policy)\n\n\ndef train(model, loader, optimizer):\n    model = parallelize(model.cuda(), torch.bfloat16, torch.float32)\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="FSDP MixedPrecisionPolicy",
        name="fsdp2-mixed-precision-policy",
    ),
    RuleCase(
        "GT104",
        {
            "train.py": 'import pandas as pd\nfrom sklearn.ensemble import GradientBoostingRegressor\n\ndf = pd.read_csv("data/load_ercot.csv")\nmodel = GradientBoostingRegressor().fit(df[["hour", "temp"]], df["y"])\n',
        },
        {
            "train.py": 'import pandas as pd\nfrom sklearn.ensemble import GradientBoostingRegressor\nfrom sktime.forecasting.compose import make_reduction\n\ndf = pd.read_csv("data/load_ercot.csv")\nmodel = GradientBoostingRegressor().fit(df[["hour", "temp"]], df["y"])\n',
        },
        expect="read_csv",
        name="time-series-forecasting-tables",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\nfrom torchdistill.common.main_util import save_ckpt\n\n\ndef train(model, optimizer, lr_scheduler, loader, num_epochs, ckpt_file_path):\n    for epoch in range(num_epochs):\n        for x, y in loader:\n            loss = model(x, y)\n        save_ckpt(model, optimizer, lr_scheduler, epoch, ckpt_file_path)\n",
        },
        {
            "train.py": "import torch\n\n\ndef train(model, optimizer, lr_scheduler, loader, num_epochs, ckpt_file_path):\n    for epoch in range(num_epochs):\n        for x, y in loader:\n            loss = model(x, y)\n        print(epoch)\n",
        },
        expect="save_ckpt",
        name="torchdistill-save-ckpt-each-epoch",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import torch\nimport k_diffusion as K\n\n\ndef demo(model, step):\n    grid = model.sample()\n    filename = f"demo_{step:08}.png"\n    K.utils.to_pil_image(grid).save(filename)\n\n\ndef train(model, loader, opt):\n    step = 0\n    for batch in loader:\n        loss = model.loss(batch)\n        loss.backward()\n        opt.step()\n        if step % 500 == 0:\n            demo(model, step)\n        if step % 10000 == 0:\n            torch.save({"model": model.state_dict(), "opt": opt.state_dict()}, f"ckpt_{step}.pth")\n        step += 1\n',
        },
        {
            "train.py": 'import torch\nimport k_diffusion as K\n\n\ndef demo(model, step):\n    grid = model.sample()\n    filename = f"demo_{step:08}.png"\n    K.utils.to_pil_image(grid).save(filename)\n\n\ndef train(model, loader, opt):\n    step = 0\n    for batch in loader:\n        loss = model.loss(batch)\n        loss.backward()\n        opt.step()\n        if step % 500 == 0:\n            demo(model, step)\n        if step % 10000 == 0:\n            print(step)\n        step += 1\n',
        },
        expect="save",
        name="demo-grid-image-is-not-a-checkpoint",
    ),
    RuleCase(
        "GT311",
        {
            "configs/kd.yaml": "teacher_model:\n  key: 'resnet152'\n  params:\n    num_classes: 1000\n    pretrained: True\nstudent_model:\n  key: 'alexnet'\n  params:\n    num_classes: 1000\n    pretrained: True\n",
            "train.py": "import torch\n\nfor epoch in range(20):\n    loss = student(x)\n    loss.backward()\n",
        },
        {
            "configs/kd.yaml": "teacher_model:\n  key: 'resnet152'\n  params:\n    num_classes: 1000\n    pretrained: True\nstudent_model:\n  key: 'alexnet'\n  params:\n    num_classes: 1000\n    pretrained: False\n",
            "train.py": "import torch\n\nfor epoch in range(20):\n    loss = student(x)\n    loss.backward()\n",
        },
        expect="pretrained",
        name="a-pretrained-teacher-is-not-transfer-learning",
    ),
    RuleCase(
        "GT101",
        {
            "neuralprophet.py": "import pandas as pd\nfrom neuralprophet import NeuralProphet\n\ndf = pd.read_csv('train.csv')\ndf = df.tail(60)\nmodel = NeuralProphet()\nmodel.fit(df, freq='D')\n",
        },
        {
            "neuralprophet.py": "import pandas as pd\nfrom neuralprophet import NeuralProphet\n\ndf = pd.read_csv('train.csv')\ntest = df.tail(60)\nmodel = NeuralProphet()\nmodel.fit(df, freq='D')\n",
        },
        expect="df.tail(60)",
        name="history-capped-with-tail",
    ),
    RuleCase(
        "GT602",
        {
            ".github/workflows/ci.yaml": "on:\n  schedule:\n    - cron: '0 0 * * *'\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install ultralytics\n      - run: yolo train model=yolov8n.pt data=coco8.yaml epochs=100 imgsz=32\n",
        },
        {
            ".github/workflows/ci.yaml": "on:\n  schedule:\n    - cron: '0 0 * * *'\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install ultralytics\n      - run: yolo train model=yolov8n.pt data=coco8.yaml epochs=1 imgsz=32\n",
        },
        expect="yolo train",
        name="yolo-smoke-run-key-value-epochs",
    ),
    RuleCase(
        "GT311",
        {
            "README.md": "Fine-tune:\n\n```\npython main.py --coco_path /data --resume https://dl.fbaipublicfiles.com/detr/detr-r50-e632da11.pth\n```\n",
            "main.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--resume', default='')\nparser.add_argument('--eval', action='store_true')\nmodel = build_model()\nfor epoch in range(300):\n    train_one_epoch(model)\n    loss.backward()\n",
        },
        {
            "README.md": "Evaluate:\n\n```\npython main.py --coco_path /data --eval --resume https://dl.fbaipublicfiles.com/detr/detr-r50-e632da11.pth\n```\n",
            "main.py": "import torch\nimport argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--resume', default='')\nparser.add_argument('--eval', action='store_true')\nmodel = build_model()\nfor epoch in range(300):\n    train_one_epoch(model)\n    loss.backward()\n",
        },
        expect="--resume https://",
        name="resume-url-only-evaluated",
    ),
    RuleCase(
        "GT407",
        {
            "trainer.py": "import torch\nfrom torch.cuda.amp import GradScaler\n\n\nclass Trainer:\n    def train(self):\n        scaler = GradScaler()\n        for epoch in range(100):\n            for ni, batch in enumerate(self.loader):\n                loss = self.model(batch)\n                scaler.scale(loss).backward()\n                if ni - last_opt_step >= self.accumulate:\n                    self.optimizer_step()\n                    last_opt_step = ni\n\n    def optimizer_step(self):\n        self.scaler.step(self.optimizer)\n        self.scaler.update()\n",
        },
        {
            "trainer.py": "import torch\nfrom torch.cuda.amp import GradScaler\n\n\nclass Trainer:\n    def train(self):\n        scaler = GradScaler()\n        for epoch in range(100):\n            for ni, batch in enumerate(self.loader):\n                loss = self.model(batch)\n                scaler.scale(loss).backward()\n                if ni - last_opt_step >= self.warmup_iters:\n                    self.optimizer_step()\n                    last_opt_step = ni\n\n    def optimizer_step(self):\n        self.scaler.step(self.optimizer)\n        self.scaler.update()\n",
        },
        expect="self.optimizer_step()",
        name="accumulation-through-optimizer-step-helper",
    ),
    RuleCase(
        "GT104",
        {
            "trainer.py": "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n\n\ndef read_training_table(self):\n    return pd.read_csv(self.csv)\n\n\ndef train(self):\n    frame = read_training_table(self)\n    RandomForestClassifier().fit(frame.drop(columns='y'), frame.y)\n",
        },
        {
            "trainer.py": "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n\n\ndef read_results_csv(self):\n    return pd.read_csv(self.csv)\n\n\ndef train(self):\n    frame = build_features(self)\n    history = read_results_csv(self)\n    RandomForestClassifier().fit(frame.drop(columns='y'), frame.y)\n",
        },
        expect="pd.read_csv",
        name="metrics-log-read-back",
    ),
    RuleCase(
        "GT302",
        {
            "model_args.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass ModelArgs:\n    num_train_epochs: int = 1\n    early_stopping_metric_minimize: bool = True\n    early_stopping_patience: int = 3\n    use_early_stopping: bool = True\n",
            "train.py": "import torch\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained('bert-base-cased')\nfor epoch in range(3):\n    loss = model(batch).loss\n    loss.backward()\n",
        },
        {
            "model_args.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass ModelArgs:\n    num_train_epochs: int = 1\n    early_stopping_metric_minimize: bool = True\n    early_stopping_patience: int = 3\n    use_early_stopping: bool = False\n\n\n@dataclass\nclass Seq2SeqArgs(ModelArgs):\n    early_stopping: bool = True\n    num_beams: int = 1\n    length_penalty: float = 2.0\n",
            "train.py": "import torch\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained('bert-base-cased')\nfor epoch in range(3):\n    loss = model(batch).loss\n    loss.backward()\n",
        },
        expect="use_early_stopping",
        name="early-stopping-switched-off-in-args-class",
    ),
    RuleCase(
        "GT404",
        {
            "helpers/fit.py": "import torch\n\n\ndef train(model, loader, optimizer, epoch):\n    model.fit(loader)\n    model.save('model.h5')\n",
            "models/train.py": "import torch\nfrom helpers.fit import train\n\nfor epoch in range(1, 11):\n    train(model, loader, optimizer, epoch)\n    loss.backward()\n",
        },
        {
            "helpers/fit.py": "import torch\n\n\ndef train(model, loader, optimizer, epoch):\n    model.fit(loader)\n    model.save('model.h5')\n",
            "models/train.py": "import torch\nfrom other.fit import train\n\nfor epoch in range(1, 11):\n    train(model, loader, optimizer, epoch)\n    loss.backward()\n",
            "flows/mnist.py": "from metaflow import FlowSpec, step\n\n\nclass MnistFlow(FlowSpec):\n    @step\n    def train(self):\n        import torch\n        model.fit(x, y, epochs=10)\n        model.save('model.h5')\n",
        },
        expect="model.save()",
        name="bare-call-reaches-own-module-function-only",
    ),
    RuleCase(
        "GT305",
        {
            "evolve.py": "import random\nimport sklearn\nfrom deap import algorithms, base, tools\n\ntoolbox = base.Toolbox()\npop = toolbox.population(n=50)\nalgorithms.eaMuPlusLambda(pop, toolbox, 50, 100, 0.7, 0.2, 50, stats, halloffame=hof)\n",
        },
        {
            "evolve.py": "import random\nimport sklearn\nfrom deap import algorithms, base, tools\n\ntoolbox = base.Toolbox()\npop = toolbox.population(n=50)\nalgorithms.eaMuPlusLambda(pop, toolbox, 50, 100, 0.7, 0.2, 4, stats, halloffame=hof)\n",
        },
        expect="50 generations × 100 individuals",
        name="deap-mu-plus-lambda-positional-ngen",
    ),
    RuleCase(
        "GT313",
        {
            "ppo.py": "from transformers import pipeline\nimport torch\nsentiment_fn = pipeline('sentiment-analysis', 'lvwerra/distilbert-imdb', device=0)\n",
        },
        {
            "ppo.py": "from transformers import pipeline\nimport torch\nsentiment_fn = pipeline('sentiment-analysis', 'lvwerra/bert-imdb', device=0)\n",
        },
        expect="distilbert-imdb",
        name="pipeline-positional-model",
    ),
    RuleCase(
        "GT407",
        {
            "pretrain.py": "import torch\nfrom colossalai.booster import Booster\nfrom colossalai.booster.plugin import GeminiPlugin\n\nplugin = GeminiPlugin(precision='bf16', initial_scale=2**16)\nbooster = Booster(plugin=plugin)\nfor epoch in range(10):\n    loss = model(batch)\n    booster.backward(loss, optimizer)\n    optimizer.step()\n",
        },
        {
            "pretrain.py": "import torch\nfrom colossalai.booster import Booster\nfrom colossalai.booster.plugin import TorchDDPPlugin\n\nplugin = TorchDDPPlugin()\nbooster = Booster(plugin=plugin)\nfor epoch in range(10):\n    loss = model(batch)\n    booster.backward(loss, optimizer)\n    optimizer.step()\n",
        },
        expect="GeminiPlugin",
        name="colossalai-zero-plugins",
    ),
    RuleCase(
        "GT312",
        {
            "simclr.py": "import torch\nimport torchvision\nfrom torch import nn\n\nresnet = torchvision.models.resnet18()\ncriterion = nn.CrossEntropyLoss()\nfor epoch in range(10):\n    loss = criterion(resnet(x), y)\n    loss.backward()\n",
        },
        {
            "simclr.py": "import torch\nimport torchvision\nfrom torch import nn\nfrom lightly.loss import NTXentLoss\n\nresnet = torchvision.models.resnet18()\ncriterion = NTXentLoss()\nfor epoch in range(10):\n    loss = criterion(resnet(x0), resnet(x1))\n    loss.backward()\n",
        },
        expect="resnet18",
        name="self-supervised-pretraining-starts-random",
    ),
    RuleCase(
        "GT404",
        {
            "tune.py": "from skopt import gp_minimize\nfrom skopt.callbacks import CheckpointSaver\n\ncheckpoint_saver = CheckpointSaver('./checkpoint.pkl', compress=9)\ngp_minimize(obj_fun, [(-20.0, 20.0)], n_calls=10, callback=[checkpoint_saver])\n",
        },
        {
            "tune.py": "from skopt import gp_minimize\nfrom skopt.callbacks import DeltaYStopper\n\nstopper = DeltaYStopper(0.01)\ngp_minimize(obj_fun, [(-20.0, 20.0)], n_calls=10, callback=[stopper])\n",
        },
        expect="CheckpointSaver",
        name="skopt-checkpoint-saver",
    ),
    RuleCase(
        "GT302",
        {
            "args.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass Seq2SeqArgs:\n    num_train_epochs: int = 10\n    num_beams: int = 3\n    use_early_stopping: bool = True\n    early_stopping_patience: int = 3\n",
            "train.py": "import torch\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained('facebook/bart-base')\nfor epoch in range(10):\n    loss = model(batch).loss\n    loss.backward()\n",
        },
        {
            "args.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass Seq2SeqArgs:\n    num_train_epochs: int = 10\n    num_beams: int = 3\n    use_early_stopping: bool = False\n    early_stopping_patience: int = 3\n",
            "train.py": "import torch\nfrom transformers import AutoModel\nmodel = AutoModel.from_pretrained('facebook/bart-base')\nfor epoch in range(10):\n    loss = model(batch).loss\n    loss.backward()\n",
        },
        expect="early_stopping_patience",
        name="training-early-stop-beside-decoding-settings",
    ),
    RuleCase(
        "GT305",
        {
            "evolve.py": "import random\nimport sklearn\nfrom deap import algorithms, base, tools\n\nMU, LAMBDA, NGEN = 50, 100, 50\nCXPB, MUTPB = 0.7, 0.2\ntoolbox = base.Toolbox()\npop = toolbox.population(n=MU)\nalgorithms.eaMuPlusLambda(pop, toolbox, MU, LAMBDA, CXPB, MUTPB, NGEN, stats, halloffame=hof)\n",
        },
        {
            "evolve.py": "import random\nimport sklearn\nfrom deap import algorithms, base, tools\n\nMU, LAMBDA, NGEN = 50, 100, 4\nCXPB, MUTPB = 0.7, 0.2\ntoolbox = base.Toolbox()\npop = toolbox.population(n=MU)\nalgorithms.eaMuPlusLambda(pop, toolbox, MU, LAMBDA, CXPB, MUTPB, NGEN, stats, halloffame=hof)\n",
        },
        expect="50 generations × 100 individuals",
        name="deap-constants-bound-by-tuple-unpacking",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import pandas as pd\nfrom simpletransformers.classification import ClassificationModel\nfrom simpletransformers.language_modeling import LanguageModelingModel\n\ntrain_df = pd.DataFrame([['a', 1], ['b', 0]])\nmodel = ClassificationModel(\"bert\", \"bert-base-cased\", num_labels=3)\nmodel.train_model(train_df)\n",
        },
        {
            "train.py": "import pandas as pd\nfrom simpletransformers.classification import ClassificationModel\nfrom simpletransformers.language_modeling import LanguageModelingModel\n\ntrain_df = pd.DataFrame([['a', 1], ['b', 0]])\nmodel = LanguageModelingModel(\"bert\", None, args=train_args)\nmodel.train_model(train_df)\n",
        },
        expect="ClassificationModel(pre-trained model)",
        name="simpletransformers-model-from-hub",
    ),
    RuleCase(
        "GT203",
        {
            "train.py": 'from simpletransformers.seq2seq import Seq2SeqModel, Seq2SeqArgs\n\nmodel_args = Seq2SeqArgs()\nmodel = Seq2SeqModel(\n    encoder_decoder_type="bart",\n    encoder_decoder_name="facebook/bart-large",\n    args=model_args,\n)\nmodel.train_model(train_df, eval_data=eval_df)\n',
        },
        {
            "train.py": 'from simpletransformers.seq2seq import Seq2SeqModel, Seq2SeqArgs\n\nmodel_args = Seq2SeqArgs()\nmodel = Seq2SeqModel(\n    encoder_decoder_type="bart",\n    encoder_decoder_name="facebook/bart-base",\n    args=model_args,\n)\nmodel.train_model(train_df, eval_data=eval_df)\n',
        },
        expect="facebook/bart-large",
        name="simpletransformers-seq2seq-large-trained",
    ),
    RuleCase(
        "GT508",
        {
            "config.py": "from yacs.config import CfgNode as CN\n\n_C = CN()\n_C.DATA = CN()\n_C.DATA.NUM_WORKERS = 8\n_C.DATA.PIN_MEMORY = True\n",
            "data/build.py": "import torch\n\n\ndef build_loader(config, dataset):\n    return torch.utils.data.DataLoader(\n        dataset,\n        batch_size=config.DATA.BATCH_SIZE,\n        num_workers=config.DATA.NUM_WORKERS,\n        pin_memory=config.DATA.PIN_MEMORY,\n        drop_last=True,\n    )\n",
        },
        {
            "config.py": "from yacs.config import CfgNode as CN\n\n_C = CN()\n_C.DATA = CN()\n_C.DATA.NUM_WORKERS = 8\n_C.DATA.PIN_MEMORY = False\n",
            "data/build.py": "import torch\n\n\ndef build_loader(config, dataset):\n    return torch.utils.data.DataLoader(\n        dataset,\n        batch_size=config.DATA.BATCH_SIZE,\n        num_workers=config.DATA.NUM_WORKERS,\n        pin_memory=config.DATA.PIN_MEMORY,\n        drop_last=True,\n    )\n",
        },
        expect="pin_memory=config.DATA.PIN_MEMORY",
        name="pin-memory-read-from-yacs-default",
    ),
    RuleCase(
        "GT603",
        {
            "pipelines/train.py": "from zenml import pipeline, step\n\n\n@step\ndef prepare_data() -> str:\n    return 'data/train.jsonl'\n\n\n@step\ndef finetune(path: str) -> None:\n    import torch\n    trainer.train()\n\n\n@pipeline\ndef train_pipeline():\n    finetune(prepare_data())\n",
        },
        {
            "pipelines/train.py": "from zenml import pipeline, step\n\n\n@step(enable_cache=False)\ndef prepare_data() -> str:\n    return 'data/train.jsonl'\n\n\n@step(enable_cache=False)\ndef finetune(path: str) -> None:\n    import torch\n    trainer.train()\n\n\n@pipeline(enable_cache=False)\ndef train_pipeline():\n    finetune(prepare_data())\n",
        },
        expect="ZenML",
        name="zenml-pipeline-steps-cached",
    ),
    RuleCase(
        "GT301",
        {
            "configs/sweeps/ppo_sweep.yml": 'tune_config:\n  mode: "max"\n  metric: "mean_reward"\n  search_alg: "bohb"\n  scheduler: "hyperbandforbohb"\n  num_samples: 32\n\nlr_init:\n  strategy: "loguniform"\n  values: [0.00001, 0.01]\n',
            "sweep.py": "import yaml\nimport ray\nfrom ray import tune\n\nconfig = yaml.safe_load(open('configs/sweeps/ppo_sweep.yml'))\ntune_config = config.pop('tune_config')\ntuner = tune.Tuner(\n    train_function,\n    param_space=config,\n    tune_config=tune.TuneConfig(**tune_config),\n)\nresults = tuner.fit()\n",
        },
        {
            "configs/sweeps/ppo_sweep.yml": 'tune_config:\n  mode: "max"\n  metric: "mean_reward"\n  search_alg: "bohb"\n  scheduler: "hyperbandforbohb"\n  num_samples: 0\n\nlr_init:\n  strategy: "loguniform"\n  values: [0.00001, 0.01]\n',
            "sweep.py": "import yaml\nimport ray\nfrom ray import tune\n\nconfig = yaml.safe_load(open('configs/sweeps/ppo_sweep.yml'))\ntune_config = config.pop('tune_config')\ntuner = tune.Tuner(\n    train_function,\n    param_space=config,\n    tune_config=tune.TuneConfig(**tune_config),\n)\nresults = tuner.fit()\n",
        },
        expect="tune_config.num_samples: 32",
        name="ray-tune-config-splatted-from-yaml",
    ),
    RuleCase(
        "GT402",
        {
            "a_utils/misc.py": "import torch\n\n\ndef all_gather(data):\n    tensor = torch.ByteTensor(storage).to('cuda')\n    return tensor\n",
            "main.py": "import argparse\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--device', default='cuda')\nargs = parser.parse_args()\ndevice = torch.device(args.device)\nfor epoch in range(300):\n    for x, y in loader:\n        loss = criterion(model(x.to(device)), y.to(device))\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "a_utils/misc.py": "import torch\n\n\ndef all_gather(data):\n    tensor = torch.ByteTensor(storage).to('cuda')\n    return tensor\n",
            "main.py": "import argparse\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--device', default='cuda')\nargs = parser.parse_args()\ndevice = torch.device(args.device)\nfor epoch in range(300):\n    for x, y in loader:\n        with torch.autocast('cuda', dtype=torch.bfloat16):\n            pass\n        loss = criterion(model(x.to(device)), y.to(device))\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="--device default 'cuda'",
        name="gpu-witness-prefers-device-option-over-helper-tensor",
    ),
    RuleCase(
        "GT404",
        {
            "callbacks.py": "import torch\n\n\nclass Saver:\n    def on_train_batch_end(self, trainer, model):\n        if trainer.global_step > 0 and (\n            trainer.global_step % self.every == 0\n        ):\n            torch.save(model.state_dict(), self.path)\n",
        },
        {
            "callbacks.py": "import torch\n\n\nclass Saver:\n    def on_train_batch_end(self, trainer, model):\n        if trainer.global_step > 0 and (\n            trainer.global_step == self.last_step\n        ):\n            torch.save(model.state_dict(), self.path)\n",
        },
        expect="every N",
        name="periodic-guard-over-several-lines",
    ),
    RuleCase(
        "GT404",
        {
            "server_app.py": "import torch\n\n\ndef evaluate(server_round, parameters, config):\n    if server_round != 0 and (\n        server_round == total_round or server_round % save_every_round == 0\n    ):\n        torch.save(model.state_dict(), f'{save_path}/{server_round}.pt')\n",
        },
        {
            "server_app.py": "import torch\n\n\ndef evaluate(server_round, parameters, config):\n    if server_round != 0 and (\n        server_round == total_round or server_round == save_every_round\n    ):\n        torch.save(model.state_dict(), f'{save_path}/{server_round}.pt')\n",
        },
        expect="torch.save",
        name="periodic-guard-on-federated-rounds",
    ),
    RuleCase(
        "GT508",
        {
            "data.py": "import torch\nfrom torch.utils.data import DataLoader\n\n\ndef loader(dataset, num_workers):\n    return DataLoader(\n        dataset,\n        batch_size=1024,\n        num_workers=num_workers,\n        persistent_workers=(num_workers > 0),\n    )\n",
        },
        {
            "data.py": "import torch\nfrom torch.utils.data import DataLoader\n\n\ndef loader(dataset, num_workers):\n    return DataLoader(\n        dataset,\n        batch_size=1024,\n        num_workers=num_workers,\n        persistent_workers=args.persistent,\n    )\n",
        },
        expect="persistent_workers=(num_workers > 0)",
        name="persistent-workers-whenever-there-are-workers",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "import dgl\nimport torch\n\nsampler = dgl.dataloading.NeighborSampler([10, 10, 10], prefetch_node_feats=['feat'])\ntrain_dataloader = dgl.dataloading.DataLoader(\n    g, train_idx, sampler, device=device, batch_size=1024, shuffle=True, num_workers=0, use_uva=True\n)\n",
        },
        {
            "train.py": "import dgl\nimport torch\n\nsampler = dgl.dataloading.NeighborSampler([10, 10, 10], prefetch_node_feats=['feat'])\ntrain_dataloader = dgl.dataloading.DataLoader(\n    g, train_idx, sampler, device=device, batch_size=1024, shuffle=True, num_workers=0, use_uva=False\n)\n",
        },
        expect="use_uva=True",
        name="dgl-unified-virtual-addressing",
    ),
    RuleCase(
        "GT502",
        {
            "docker/Dockerfile": 'FROM pytorch/pytorch:1.6.0-cuda10.1-cudnn7-devel\nRUN pip install -r requirements.txt\nCOPY . /app\nCMD ["python", "train.py"]\n',
            "train.py": "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv('data.csv')\nLogisticRegression().fit(df[['a']], df['y'])\n",
        },
        {
            "docker/Dockerfile": 'FROM pytorch/pytorch:1.6.0-cuda10.1-cudnn7-devel\nRUN pip install -r requirements.txt\nCOPY . /app\nCMD ["python", "train.py"]\n',
            "train.py": "import d3rlpy\nfrom sklearn.model_selection import GridSearchCV\n\ndataset, env = d3rlpy.datasets.get_cartpole()\ndqn = d3rlpy.algos.DQNConfig().create(device='cuda:0')\ndqn.fit(dataset, n_steps=10000)\n",
        },
        expect="only uses CPU libraries",
        name="library-built-on-pytorch-uses-the-gpu",
    ),
    RuleCase(
        "GT304",
        {
            "sweep-grid-hyperband.yaml": "program: train.py\nmethod: grid\nmetric:\n  name: val_loss\n  goal: minimize\nparameters:\n  learning_rate:\n    values: [0.1, 0.01, 0.001, 0.0001, 0.00001]\n  dropout:\n    values: [0.1, 0.2, 0.3]\n  layer_1_size:\n    values: [16, 32, 64, 128, 256, 512]\n  batch_size:\n    values: [32, 64, 128]\nearly_terminate:\n  type: hyperband\n  s: 2\n  eta: 3\n  max_iter: 27\n",
        },
        {
            "sweep-grid-hyperband.yaml": "program: train.py\nmethod: grid\nmetric:\n  name: val_loss\n  goal: minimize\nparameters:\n  learning_rate:\n    values: [0.1, 0.01, 0.001, 0.0001, 0.00001]\n  dropout:\n    values: [0.1, 0.2, 0.3]\n  layer_1_size:\n    values: [16, 32, 64, 128, 256, 512]\n  batch_size:\n    values: [32, 64, 128]\nearly_terminate:\n  type: hyperband\n  s: 2\n  eta: 3\n  max_iter: 27\nrun_cap: 40\n",
        },
        expect="early termination shortens poor runs",
        name="wandb-grid-with-hyperband-still-starts-every-run",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import wandb\nfrom wandb.keras import WandbCallback\nfrom tensorflow import keras\n\nwandb.init(project='fashion', resume=True)\nmodel = keras.Sequential([keras.layers.Dense(10)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=20, callbacks=[WandbCallback(data_type='image')])\n",
        },
        {
            "train.py": "import wandb\nfrom wandb.keras import WandbCallback\nfrom tensorflow import keras\n\nwandb.init(project='fashion', resume=True)\nmodel = keras.Sequential([keras.layers.Dense(10)])\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=20, callbacks=[WandbCallback(save_model=False)])\n",
        },
        expect="WandbCallback",
        name="wandb-keras-callback-saves-best-model-resume-is-not-a-checkpoint",
    ),
    RuleCase(
        "GT308",
        {
            "tools/dump.py": 'import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument("model")\nargs = parser.parse_args()\n',
            "train.py": "import torch\n\n\ndef build(model, compile_model=True):\n    if model and compile_model:\n        model = torch.compile(model)\n    return model\n",
        },
        {
            "tools/dump.py": 'import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model")\nargs = parser.parse_args()\n',
            "train.py": "import torch\n\n\ndef build(model, compile_model=True):\n    if model and compile_model:\n        model = torch.compile(model)\n    return model\n",
        },
        expect="torch.compile",
        name="positional-argument-is-never-an-option-off-by-default",
    ),
    RuleCase(
        "GT308",
        {
            "tools/dump.py": 'import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--kind")\nargs = parser.parse_args()\n',
            "export.py": "import torch\n\n\ndef export(graph, node):\n    if graph is not None and node.kind() == 'onnx::Constant':\n        return torch.jit.script(graph)\n",
        },
        {
            "tools/dump.py": 'import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--kind")\nargs = parser.parse_args()\n',
            "export.py": "import torch\n\n\ndef export(graph, node):\n    if graph is not None and args.kind == 'onnx::Constant':\n        return torch.jit.script(graph)\n",
        },
        expect="torch.jit.script",
        name="guard-calling-a-method-reads-no-option-of-its-name",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = [EarlyStopper(monitor='Accuracy', dataloader_label='eval', patience=1)]\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    \n)\ntrainer.fit()\n",
        },
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = []\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    \n)\ntrainer.fit()\n",
        },
        expect="EarlyStopper",
        name="composer-early-stopper-callback",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = []\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    grad_accum='auto',\n)\ntrainer.fit()\n",
        },
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = []\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    grad_accum=1,\n)\ntrainer.fit()\n",
        },
        expect="grad_accum='auto'",
        name="composer-automatic-gradient-accumulation",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = []\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    train_subset_num_batches=10,\n)\ntrainer.fit()\n",
        },
        {
            "train.py": "import torch\nfrom composer import Trainer\nfrom composer.callbacks import EarlyStopper, ThresholdStopper\n\ncallbacks = []\ntrainer = Trainer(\n    model=model,\n    train_dataloader=train_dataloader,\n    eval_dataloader=eval_dataloader,\n    max_duration='100ep',\n    callbacks=callbacks,\n    train_subset_num_batches=-1,\n)\ntrainer.fit()\n",
        },
        expect="train_subset_num_batches=10",
        name="composer-batches-per-epoch-capped",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import torch\nfrom accelerate import Accelerator\nfrom accelerate.utils import find_executable_batch_size\n\n\ndef training_function(config, args):\n    accelerator = Accelerator()\n\n    @find_executable_batch_size(starting_batch_size=int(config['batch_size']))\n    def inner_training_loop(batch_size):\n        for epoch in range(10):\n            for batch in train_dataloader:\n                loss = model(**batch).loss\n                accelerator.backward(loss)\n                optimizer.step()\n\n    inner_training_loop()\n",
        },
        {
            "train.py": "import torch\nfrom accelerate import Accelerator\nfrom accelerate.utils import find_executable_batch_size\n\n\ndef training_function(config, args):\n    accelerator = Accelerator()\n\n    @functools.lru_cache(starting_batch_size=int(config['batch_size']))\n    def inner_training_loop(batch_size):\n        for epoch in range(10):\n            for batch in train_dataloader:\n                loss = model(**batch).loss\n                accelerator.backward(loss)\n                optimizer.step()\n\n    inner_training_loop()\n",
        },
        expect="find_executable_batch_size",
        name="accelerate-batch-size-found-on-oom",
    ),
    RuleCase(
        "GT404",
        {
            "run_net.py": "import torch\nfrom monai.handlers import CheckpointSaver, StatsHandler\nfrom monai.engines import SupervisedTrainer\n\nhandlers = [\n    StatsHandler(tag_name='train_loss'),\n    CheckpointSaver(save_dir='./runs', save_dict={'net': net}, save_key_metric=True, key_metric_n_saved=3),\n]\ntrainer = SupervisedTrainer(device=device, max_epochs=300, train_data_loader=loader, network=net, optimizer=opt, loss_function=loss, train_handlers=handlers)\ntrainer.run()\n",
        },
        {
            "run_net.py": "import torch\nfrom monai.handlers import CheckpointSaver, StatsHandler\nfrom monai.engines import SupervisedTrainer\n\nhandlers = [\n    StatsHandler(tag_name='train_loss'),\n    \n]\ntrainer = SupervisedTrainer(device=device, max_epochs=300, train_data_loader=loader, network=net, optimizer=opt, loss_function=loss, train_handlers=handlers)\ntrainer.run()\n",
        },
        expect="monai.handlers.CheckpointSaver",
        name="monai-checkpoint-saver-handler",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import os\nimport nibabel as nib\nimport numpy as np\nimport torch\n\nfor i in range(40):\n    im, seg = create_test_image_3d(128, 128, 128)\n    nib.save(nib.Nifti1Image(im, np.eye(4)), os.path.join(tempdir, f'img{i:d}.pt'))\n\nfor epoch in range(5):\n    for batch in loader:\n        loss = loss_function(model(batch['img']), batch['seg'])\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "train.py": "import os\nimport nibabel as nib\nimport numpy as np\nimport torch\n\nfor i in range(40):\n    im, seg = create_test_image_3d(128, 128, 128)\n    nib.save(nib.Nifti1Image(im, np.eye(4)), os.path.join(tempdir, f'img{i:d}.nii.gz'))\n\nfor epoch in range(5):\n    for batch in loader:\n        loss = loss_function(model(batch['img']), batch['seg'])\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="nib.save",
        name="data-files-written-in-a-loop-are-not-checkpoints",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": "import pandas as pd\ndf = pd.read_csv('data.csv').sample(n=1000, random_state=0)\nfrom sklearn.tree import DecisionTreeClassifier\n\nbag_clf = DecisionTreeClassifier()\nbag_clf.fit(X_train[:100], y_train[:100])\n",
        },
        {
            "train.py": "from sklearn.ensemble import BaggingClassifier\nfrom sklearn.tree import DecisionTreeClassifier\n\nbag_clf = BaggingClassifier(DecisionTreeClassifier(), n_estimators=500, max_samples=100, n_jobs=-1)\nbag_clf.fit(X_train, y_train)\n",
        },
        expect="sample",
        name="bagging-max-samples-is-each-members-draw",
    ),
    RuleCase(
        "GT301",
        {
            "arima.py": "import pmdarima as pm\n\ny = pm.datasets.load_wineind()\ntrain, test = y[:150], y[150:]\nfit = pm.auto_arima(train, start_p=1, start_q=1, max_p=3, max_q=3, m=12, seasonal=True, d=1, D=1, stepwise=True)\n",
        },
        {
            "arima.py": "import pmdarima as pm\n\ny = pm.datasets.load_wineind()\ntrain, test = y[:150], y[150:]\nfit = pm.auto_arima(train, start_p=1, start_q=1, max_p=3, max_q=3, m=12, seasonal=True, d=1, D=1, stepwise=False)\n",
        },
        expect="auto_arima (stepwise search)",
        name="pmdarima-stepwise-auto-arima",
    ),
    RuleCase(
        "GT311",
        {
            "src/open_clip_train/main.py": "import torch\nimport open_clip\n\n\ndef main(args):\n    model, preprocess_train, preprocess_val = open_clip.create_model_and_transforms(\n        args.model,\n        args.pretrained,\n        precision=args.precision,\n        device=device,\n    )\n    for epoch in range(args.epochs):\n        loss = loss_fn(model(images, texts))\n        loss.backward()\n        optimizer.step()\n",
            "src/open_clip_train/params.py": "import argparse\n\n\ndef parse_args(args):\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--model', type=str, default='RN50')\n    parser.add_argument('--pretrained', default='', type=str)\n    parser.add_argument('--epochs', type=int, default=32)\n    return parser.parse_args(args)\n",
            "scripts/finetune.sh": "#!/bin/bash\ntorchrun --nproc_per_node 4 -m open_clip_train.main --model ViT-B-32 --pretrained '/path/to/ckpt' --train-data '/data/cc12m/{00000..01242}.tar' --epochs 32\n",
        },
        {
            "src/open_clip_train/main.py": "import torch\nimport open_clip\n\n\ndef main(args):\n    model, preprocess_train, preprocess_val = open_clip.create_model_and_transforms(\n        args.model,\n        args.pretrained,\n        precision=args.precision,\n        device=device,\n    )\n    for epoch in range(args.epochs):\n        loss = loss_fn(model(images, texts))\n        loss.backward()\n        optimizer.step()\n",
            "src/open_clip_train/params.py": "import argparse\n\n\ndef parse_args(args):\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--model', type=str, default='RN50')\n    parser.add_argument('--pretrained', default='', type=str)\n    parser.add_argument('--epochs', type=int, default=32)\n    return parser.parse_args(args)\n",
            "scripts/finetune.sh": "#!/bin/bash\ntorchrun --nproc_per_node 4 -m open_clip_train.main --model ViT-B-32 --train-data '/data/cc12m/{00000..01242}.tar' --epochs 32\n",
        },
        expect="--pretrained",
        name="open-clip-pretrained-tag-from-launch",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "import torch\nfrom gluonts.torch.model.deepar import DeepAREstimator\n\nestimator = DeepAREstimator(freq='1H', prediction_length=24, trainer_kwargs={'max_epochs': 50})\npredictor = estimator.train(training_data=dataset.train, cache_data=True)\n",
        },
        {
            "train.py": "import torch\nfrom gluonts.torch.model.deepar import DeepAREstimator\n\nestimator = DeepAREstimator(freq='1H', prediction_length=24, trainer_kwargs={'max_epochs': 50})\npredictor = estimator.train(training_data=dataset.train, cache_data=False)\n",
        },
        expect="cache_data=True",
        name="gluonts-cached-training-data",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import torch\nfrom monai.engines import SupervisedTrainer\nfrom monai.networks.nets import UNet\n\n\ndef main():\n    amp = True\n    device = torch.device("cuda:0")\n    net = UNet(spatial_dims=3, in_channels=1, out_channels=1, channels=(16, 32), strides=(2,)).to(device)\n    opt = torch.optim.Adam(net.parameters(), 1e-3)\n    trainer = SupervisedTrainer(device=device, max_epochs=5, train_data_loader=loader, network=net, optimizer=opt, loss_function=loss, amp=amp)\n    trainer.run()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        {
            "train.py": 'import torch\nfrom monai.engines import SupervisedTrainer\nfrom monai.networks.nets import UNet\n\n\ndef main():\n    amp = True\n    if torch.cuda.device_count() > 4:\n        amp = False\n    device = torch.device("cuda:0")\n    net = UNet(spatial_dims=3, in_channels=1, out_channels=1, channels=(16, 32), strides=(2,)).to(device)\n    opt = torch.optim.Adam(net.parameters(), 1e-3)\n    trainer = SupervisedTrainer(device=device, max_epochs=5, train_data_loader=loader, network=net, optimizer=opt, loss_function=loss, amp=amp)\n    trainer.run()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        expect="amp=True",
        name="monai-amp-bound-once-in-the-function",
    ),
    RuleCase(
        "GT505",
        {
            "tools/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "tools/slurm_train.sh": '#!/usr/bin/env bash\nset -x\nPARTITION=$1\nGPUS=${GPUS:-8}\nGPUS_PER_NODE=${GPUS_PER_NODE:-8}\nSRUN_ARGS=${SRUN_ARGS:-""}\nsrun -p ${PARTITION} \\\n    --gres=gpu:${GPUS_PER_NODE} \\\n    --ntasks=${GPUS} \\\n    ${SRUN_ARGS} \\\n    python -u tools/train.py --launcher=slurm\n',
        },
        {
            "tools/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "tools/slurm_train.sh": '#!/usr/bin/env bash\nset -x\nPARTITION=$1\nGPUS=${GPUS:-1}\nGPUS_PER_NODE=${GPUS_PER_NODE:-1}\nSRUN_ARGS=${SRUN_ARGS:-""}\nsrun -p ${PARTITION} \\\n    --gres=gpu:${GPUS_PER_NODE} \\\n    --ntasks=${GPUS} \\\n    ${SRUN_ARGS} \\\n    python -u tools/train.py --launcher=slurm\n',
        },
        expect="srun --gres=gpu:8",
        name="srun-gres-from-a-defaulted-variable",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "recipe.yaml": "resume: True\ntraining_hyperparams:\n  max_epochs: 300\n  resume: ${resume}\n",
        },
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "recipe.yaml": "resume: False\ntraining_hyperparams:\n  max_epochs: 300\n  resume: ${resume}\n",
        },
        expect="resume=True",
        name="resume-interpolating-a-top-level-key",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "params.yaml": "max_epochs: 300\nsave_ckpt_epoch_list: [100, 200, 250]\n",
        },
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "params.yaml": "max_epochs: 300\nsave_ckpt_epoch_list: []\n",
        },
        expect="save_ckpt_epoch_list",
        name="super-gradients-save-ckpt-epoch-list",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import multiprocessing.pool\nimport jax\nimport optax\nimport big_vision.utils as u\n\ndef train(config, ckpt, save_ckpt_path):\n    pool = multiprocessing.pool.ThreadPool()\n    for step, batch in zip(range(1, total_steps + 1), train_iter):\n        updates, opt = tx.update(grads, opt)\n        params = optax.apply_updates(params, updates)\n        if u.itstime(step, config.get('ckpt_steps'), total_steps):\n            pool.apply_async(u.save_checkpoint, (ckpt, save_ckpt_path, step))\n",
        },
        {
            "train.py": "import multiprocessing.pool\nimport jax\nimport optax\nimport big_vision.utils as u\n\ndef train(config, ckpt, save_ckpt_path):\n    pool = multiprocessing.pool.ThreadPool()\n    for step, batch in zip(range(1, total_steps + 1), train_iter):\n        updates, opt = tx.update(grads, opt)\n        params = optax.apply_updates(params, updates)\n        if u.itstime(step, config.get('ckpt_steps'), total_steps):\n            pool.apply_async(u.save_metrics, (ckpt, save_ckpt_path, step))\n",
        },
        expect="apply_async(save_checkpoint)",
        name="save-checkpoint-handed-to-a-thread-pool",
    ),
    RuleCase(
        "GT313",
        {
            "distill.py": "import jax\nimport optax\nimport big_vision.evaluators.proj.distill.distance as dd\n\ndef train(config, params, data):\n    models = {'student': make_model('student'), **{t: make_model(t) for t in config.teachers}}\n    def loss_fn(student_params, params, data):\n        logits = {name: m.apply(params[name], data['image']) for name, m in models.items()}\n        losses = []\n        for name in config.teachers:\n            losses.append(dd.dist(logits['student'], logits[name], config.get('distance', 'kl')))\n        return sum(losses)\n    for step, batch in enumerate(train_iter):\n        loss, grads = jax.value_and_grad(loss_fn)(params['student'], params, batch)\n        params['student'] = optax.apply_updates(params['student'], grads)\n",
        },
        {
            "distill.py": "import jax\nimport optax\nimport big_vision.evaluators.proj.distill.distance as dd\n\ndef train(config, params, data):\n    models = {'student': make_model('student'), **{t: make_model(t) for t in config.others}}\n    def loss_fn(student_params, params, data):\n        logits = {name: m.apply(params[name], data['image']) for name, m in models.items()}\n        losses = []\n        for name in config.others:\n            losses.append(dd.dist(logits['student'], logits[name], config.get('distance', 'kl')))\n        return sum(losses)\n    for step, batch in enumerate(train_iter):\n        loss, grads = jax.value_and_grad(loss_fn)(params['student'], params, batch)\n        params['student'] = optax.apply_updates(params['student'], grads)\n",
        },
        expect="dd.dist() of a student against a teacher",
        name="own-distance-of-student-and-teacher-logits",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "dataset_params.yaml": "train_dataloader_params:\n  batch_size: 16\n  num_workers: 4\n  pin_memory: True\n",
        },
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "dataset_params.yaml": "train_dataloader_params:\n  batch_size: 16\n  num_workers: 0\n  pin_memory: True\n",
        },
        expect="train_dataloader_params.pin_memory",
        name="config-pin-memory-with-workers-not-in-process",
    ),
    RuleCase(
        "GT606",
        {
            "train_from_recipe.py": "import hydra\nfrom omegaconf import DictConfig\nfrom super_gradients import Trainer, init_trainer\n\n@hydra.main(config_path='recipes', version_base='1.2')\ndef _main(cfg: DictConfig) -> None:\n    Trainer.train_from_config(cfg)\n\ndef main() -> None:\n    init_trainer()\n    _main()\n",
        },
        {
            "train_from_recipe.py": "import hydra\nfrom omegaconf import DictConfig\nfrom super_gradients import Trainer, init_trainer\n\n@hydra.main(config_path='recipes', version_base='1.2')\ndef _main(cfg: DictConfig) -> None:\n    print(cfg)\n\ndef main() -> None:\n    init_trainer()\n    _main()\n",
        },
        expect="trains models",
        name="super-gradients-train-from-config",
    ),
    RuleCase(
        "GT302",
        {
            "train_openfold.py": "import argparse\nimport pytorch_lightning as pl\nfrom openfold.utils.callbacks import EarlyStoppingVerbose\n\ndef main(args):\n    callbacks = []\n    es = EarlyStoppingVerbose(monitor='val/lddt_ca', min_delta=args.min_delta, patience=args.patience, mode='max')\n    callbacks.append(es)\n    trainer = pl.Trainer(max_epochs=1000, callbacks=callbacks)\n    trainer.fit(model_module, datamodule=data_module)\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--early_stopping', type=bool_type, default=False)\nparser.add_argument('--min_delta', type=float, default=0)\nparser.add_argument('--patience', type=int, default=3)\nmain(parser.parse_args())\n",
        },
        {
            "train_openfold.py": "import argparse\nimport pytorch_lightning as pl\nfrom openfold.utils.callbacks import EarlyStoppingVerbose\n\ndef main(args):\n    callbacks = []\n    if(args.early_stopping):\n        es = EarlyStoppingVerbose(monitor='val/lddt_ca', min_delta=args.min_delta, patience=args.patience, mode='max')\n        callbacks.append(es)\n    trainer = pl.Trainer(max_epochs=1000, callbacks=callbacks)\n    trainer.fit(model_module, datamodule=data_module)\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--early_stopping', type=bool_type, default=False)\nparser.add_argument('--min_delta', type=float, default=0)\nparser.add_argument('--patience', type=int, default=3)\nmain(parser.parse_args())\n",
        },
        expect="EarlyStoppingVerbose",
        name="stopper-subclass-and-one-behind-an-option-off-by-default",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "README.md": "# Training\n\n```bash\npython3 train.py mmcif_dir/ alignment_dir/ output_dir/ \\\n    2021-10-10 \\ \n    --template_release_dates_cache_path mmcif_cache.json \\ \n    --precision bf16 \\\n    --gpus 8 --replace_sampler_ddp=True \\\n    --seed 4242022\n```\n",
        },
        {
            "train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "README.md": "# Training\n\n```bash\npython3 train.py mmcif_dir/ alignment_dir/ output_dir/ \\\n    2021-10-10 \\ \n    --template_release_dates_cache_path mmcif_cache.json \\ \n    --precision bf16 \\\n    --gpus 1 --replace_sampler_ddp=True \\\n    --seed 4242022\n```\n",
        },
        expect="jobs request 8 GPUs",
        name="readme-continuation-with-blanks-after-the-backslash",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": "import jax\nimport optax\nfrom jax.experimental.pjit import pjit\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    state = create_train_state(model, optimizer)\n    sharded_train_step = pjit(train_step, in_shardings=(ps, PS()), out_shardings=(ps, PS()))\n    for step in range(config.total_steps):\n        state, metrics = sharded_train_step(state, next(loader))\n        updates, opt_state = optimizer.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
        },
        {
            "train.py": "import jax\nimport optax\nfrom jax.experimental.pjit import pjit\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    state = create_train_state(model, optimizer)\n    sharded_train_step = partial(train_step, in_shardings=(ps, PS()), out_shardings=(ps, PS()))\n    for step in range(config.total_steps):\n        state, metrics = sharded_train_step(state, next(loader))\n        updates, opt_state = optimizer.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
        },
        expect="jax.experimental.pjit.pjit",
        name="jax-pjit-compiles-the-train-step",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import jax\nimport optax\nfrom jax.experimental.pjit import pjit\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    optimizer = optax.MultiSteps(optimizer, every_k_schedule=4)\n    state = create_train_state(model, optimizer)\n    sharded_train_step = train_fn(train_step, in_shardings=(ps, PS()), out_shardings=(ps, PS()))\n    for step in range(config.total_steps):\n        state, metrics = sharded_train_step(state, next(loader))\n        updates, opt_state = optimizer.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
        },
        {
            "train.py": "import jax\nimport optax\nfrom jax.experimental.pjit import pjit\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    if config.accumulate_gradient_steps > 1:\n        optimizer = optax.MultiSteps(optimizer, config.accumulate_gradient_steps)\n    state = create_train_state(model, optimizer)\n    sharded_train_step = train_fn(train_step, in_shardings=(ps, PS()), out_shardings=(ps, PS()))\n    for step in range(config.total_steps):\n        state, metrics = sharded_train_step(state, next(loader))\n        updates, opt_state = optimizer.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
        },
        expect="optax.MultiSteps",
        name="optax-multisteps-accumulates-unless-behind-a-setting",
    ),
    RuleCase(
        "GT301",
        {
            "tune.py": "from lightgbm import LGBMRegressor\nfrom skforecast.recursive import ForecasterRecursive\nfrom skforecast.model_selection import random_search_forecaster\n\nforecaster = ForecasterRecursive(regressor=LGBMRegressor(random_state=123), lags=10)\nresults = random_search_forecaster(forecaster=forecaster, y=data.loc[:end_val, 'y'], cv=cv, param_distributions=param_grid, metric='mean_squared_error', n_iter=5, return_best=True)\n",
        },
        {
            "tune.py": "from lightgbm import LGBMRegressor\nfrom skforecast.recursive import ForecasterRecursive\nfrom skforecast.model_selection import backtesting_forecaster\n\nforecaster = ForecasterRecursive(regressor=LGBMRegressor(random_state=123), lags=10)\nresults = backtesting_forecaster(forecaster=forecaster, y=data.loc[:end_val, 'y'], cv=cv, param_distributions=param_grid, metric='mean_squared_error',  return_best=True)\n",
        },
        expect="skforecast random_search_forecaster(n_iter=5)",
        name="skforecast-random-search",
    ),
    RuleCase(
        "GT401",
        {
            "t5x/train.py": "import jax\nimport optax\n\ndef train(config):\n    for step in range(config.total_steps):\n        updates, opt_state = tx.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
            "scripts/ft.sh": '#!/bin/bash\nPREC=${PREC:-"bfloat16"}\npython3 -u t5x/train.py \\\n  --gin_file="t5x/configs/base.gin" \\\n  --gin.network.T5Config.dtype=\\"bfloat16\\" \\\n  --gin.TRAIN_STEPS=1000000\n',
        },
        {
            "t5x/train.py": "import jax\nimport optax\n\ndef train(config):\n    for step in range(config.total_steps):\n        updates, opt_state = tx.update(grads, opt_state)\n        params = optax.apply_updates(params, updates)\n",
            "scripts/ft.sh": '#!/bin/bash\nPREC=${PREC:-"bfloat16"}\npython3 -u t5x/train.py \\\n  --gin_file="t5x/configs/base.gin" \\\n  --gin.network.T5Config.dtype=\\"float32\\" \\\n  --gin.TRAIN_STEPS=1000000\n',
        },
        expect='dtype="bfloat16"',
        name="gin-string-flag-keeps-its-quotes",
    ),
    RuleCase(
        "GT311",
        {
            "solvers/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "config/solver/musicgen/base.yaml": "# @package __global__\ndefaults:\n  - musicgen/default\n  - /model: lm/musicgen_lm\n  - _self_\n\nautocast: true\ncompression_model_checkpoint: //pretrained/facebook/encodec_32khz\n",
        },
        {
            "solvers/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "config/solver/musicgen/base.yaml": "# @package __global__\ndefaults:\n  - musicgen/default\n  - /model: lm/musicgen_lm\n  - _self_\n\nautocast: true\ncompression_model_checkpoint: /checkpoints/my_encodec.th_dir\n",
        },
        expect="//pretrained/facebook/encodec_32khz",
        name="audiocraft-pretrained-scheme",
    ),
    RuleCase(
        "GT311",
        {
            "espnet2/train/trainer.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "conf/train_asr_whisper.yaml": "encoder: whisper\nencoder_conf:\n    whisper_model: small\n    dropout_rate: 0.0\ndecoder: whisper\nmax_epoch: 3\noptim: adamw\n",
        },
        {
            "espnet2/train/trainer.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "conf/train_asr_whisper.yaml": "encoder: whisper\nencoder_conf:\n    whisper_model: null\n    dropout_rate: 0.0\ndecoder: whisper\nmax_epoch: 3\noptim: adamw\n",
        },
        expect="whisper_model: small",
        name="espnet-whisper-model-size",
    ),
    RuleCase(
        "GT505",
        {
            "solvers/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "grids/musicgen/base.py": "from ._explorers import LMExplorer\nfrom ...environment import AudioCraftEnvironment\n\n@LMExplorer\ndef explorer(launcher):\n    partitions = AudioCraftEnvironment.get_slurm_partitions(['team', 'global'])\n    launcher.slurm_(gpus=32, partition=partitions)\n    launcher.bind_(solver='musicgen/musicgen_base_32khz')\n    launcher()\n",
        },
        {
            "solvers/train.py": "import torch\n\ndef main():\n    model = torch.nn.Linear(8, 2).cuda()\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(300):\n        for x, y in loader:\n            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())\n            loss.backward()\n            opt.step()\n",
            "grids/musicgen/base.py": "from ._explorers import LMExplorer\nfrom ...environment import AudioCraftEnvironment\n\n@LMExplorer\ndef explorer(launcher):\n    partitions = AudioCraftEnvironment.get_slurm_partitions(['team', 'global'])\n    launcher.slurm_(gpus=1, partition=partitions)\n    launcher.bind_(solver='musicgen/musicgen_base_32khz')\n    launcher()\n",
        },
        expect="launcher.slurm_(gpus=32)",
        name="dora-launcher-slurm-gpus",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": "import jax\nimport optax\nimport flax.linen as nn\nfrom flax.linen import partitioning as nn_partitioning\n\nremat = nn_partitioning.remat\n\n\nclass Block(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n        return nn.Dense(1024)(x)\n\n\nclass Model(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n        block = remat(Block, policy=jax.checkpoint_policies.nothing_saveable)\n        for _ in range(24):\n            x = block()(x)\n        return x\n\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    state = create_train_state(Model(), optimizer)\n    for step in range(config.total_steps):\n        state, metrics = train_step(state, next(loader))\n",
        },
        {
            "train.py": "import jax\nimport optax\nimport flax.linen as nn\nfrom flax.linen import partitioning as nn_partitioning\n\nremat = nn_partitioning.remat\nremat = make_block_wrapper()\n\n\nclass Block(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n        return nn.Dense(1024)(x)\n\n\nclass Model(nn.Module):\n    @nn.compact\n    def __call__(self, x):\n        block = remat(Block)\n        for _ in range(24):\n            x = block()(x)\n        return x\n\n\ndef main(config):\n    optimizer = optax.adamw(1e-4)\n    state = create_train_state(Model(), optimizer)\n    for step in range(config.total_steps):\n        state, metrics = train_step(state, next(loader))\n",
        },
        expect="flax.linen.partitioning.remat",
        name="flax-remat-through-a-module-alias",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": 'import jax\nimport gin\nfrom t5x import utils, trainer as trainer_lib\n\n\ndef train(*, model, train_dataset_cfg, checkpoint_cfg, total_steps):\n    trainer = trainer_lib.Trainer(model=model, num_microbatches=None)\n    checkpoint_manager = utils.LegacyCheckpointManager(save_cfg=checkpoint_cfg.save)\n    for step in range(total_steps):\n        trainer.train(batch_iter, 100)\n\n\nif __name__ == "__main__":\n    gin.parse_config_files_and_bindings(["configs/finetune.gin"], [])\n    train()\n',
            "configs/finetune.gin": "from __gin__ import dynamic_registration\nimport __main__ as train_script\nfrom t5x import utils\n\nINITIAL_CHECKPOINT_PATH = \"gs://t5-data/pretrained_models/t5x/t5_1_1_large/checkpoint_1000000\"\nTRAIN_STEPS = 1_020_000\n\ntrain_script.train:\n  total_steps = %TRAIN_STEPS\nutils.RestoreCheckpointConfig:\n  path = %INITIAL_CHECKPOINT_PATH\n  mode = 'specific'\nnetwork.T5Config:\n  vocab_size = 32128\n  dtype = 'float32'\n",
        },
        {
            "train.py": 'import jax\nimport gin\nfrom t5x import utils, trainer as trainer_lib\n\n\ndef train(*, model, train_dataset_cfg, checkpoint_cfg, total_steps):\n    trainer = trainer_lib.Trainer(model=model, num_microbatches=None)\n    checkpoint_manager = utils.LegacyCheckpointManager(save_cfg=checkpoint_cfg.save)\n    for step in range(total_steps):\n        trainer.train(batch_iter, 100)\n\n\nif __name__ == "__main__":\n    gin.parse_config_files_and_bindings(["configs/finetune.gin"], [])\n    train()\n',
            "configs/finetune.gin": "from __gin__ import dynamic_registration\nimport __main__ as train_script\nfrom t5x import utils\n\nINITIAL_CHECKPOINT_PATH = %gin.REQUIRED\nTRAIN_STEPS = 1_020_000\n\ntrain_script.train:\n  total_steps = %TRAIN_STEPS\nutils.RestoreCheckpointConfig:\n  path = %INITIAL_CHECKPOINT_PATH\n  mode = 'specific'\nnetwork.T5Config:\n  vocab_size = 32128\n  dtype = 'float32'\n",
        },
        expect="INITIAL_CHECKPOINT_PATH = 'gs://t5-data/pretrained_models",
        name="t5x-gin-initial-checkpoint",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import jax\nimport gin\nfrom t5x import utils, trainer as trainer_lib\n\n\ndef train(*, model, train_dataset_cfg, checkpoint_cfg, total_steps):\n    trainer = trainer_lib.Trainer(model=model, num_microbatches=None)\n    checkpoint_manager = utils.LegacyCheckpointManager(save_cfg=checkpoint_cfg.save)\n    for step in range(total_steps):\n        trainer.train(batch_iter, 100)\n\n\nif __name__ == "__main__":\n    gin.parse_config_files_and_bindings(["configs/finetune.gin"], [])\n    train()\n',
            "configs/finetune.gin": "from __gin__ import dynamic_registration\nimport __main__ as train_script\nfrom t5x import utils\n\nINITIAL_CHECKPOINT_PATH = \"gs://t5-data/pretrained_models/t5x/t5_1_1_large/checkpoint_1000000\"\nTRAIN_STEPS = 1_020_000\n\ntrain_script.train:\n  total_steps = %TRAIN_STEPS\nutils.RestoreCheckpointConfig:\n  path = %INITIAL_CHECKPOINT_PATH\n  mode = 'specific'\nnetwork.T5Config:\n  vocab_size = 32128\n  dtype = 'bfloat16'\n",
        },
        {
            "train.py": 'import jax\nimport gin\nfrom t5x import utils, trainer as trainer_lib\n\n\ndef train(*, model, train_dataset_cfg, checkpoint_cfg, total_steps):\n    trainer = trainer_lib.Trainer(model=model, num_microbatches=None)\n    checkpoint_manager = utils.LegacyCheckpointManager(save_cfg=checkpoint_cfg.save)\n    for step in range(total_steps):\n        trainer.train(batch_iter, 100)\n\n\nif __name__ == "__main__":\n    gin.parse_config_files_and_bindings(["configs/finetune.gin"], [])\n    train()\n',
            "configs/finetune.gin": "from __gin__ import dynamic_registration\nimport __main__ as train_script\nfrom t5x import utils\n\nINITIAL_CHECKPOINT_PATH = \"gs://t5-data/pretrained_models/t5x/t5_1_1_large/checkpoint_1000000\"\nTRAIN_STEPS = 1_020_000\n\ntrain_script.train:\n  total_steps = %TRAIN_STEPS\nutils.RestoreCheckpointConfig:\n  path = %INITIAL_CHECKPOINT_PATH\n  mode = 'specific'\nnetwork.T5Config:\n  vocab_size = 32128\n  dtype = 'float32'\n",
        },
        expect="network.T5Config.dtype: bfloat16",
        name="t5x-gin-bfloat16-dtype",
    ),
    RuleCase(
        "GT402",
        {
            "training/run_experiment.py": 'import argparse\n\nimport pytorch_lightning as pl\nimport torch\nfrom torch import nn\n\n\nclass LitModel(pl.LightningModule):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))\n\n    def training_step(self, batch, batch_idx):\n        x, y = batch\n        return nn.functional.cross_entropy(self.net(x), y)\n\n    def configure_optimizers(self):\n        return torch.optim.Adam(self.parameters(), lr=1e-3)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser = pl.Trainer.add_argparse_args(parser)\n    args = parser.parse_args()\n    trainer = pl.Trainer.from_argparse_args(args)\n    trainer.fit(LitModel(), datamodule=MNISTDataModule())\n\n\nif __name__ == "__main__":\n    main()\n',
            "training/run.sh": "python training/run_experiment.py --max_epochs=100 --gpus=-1 --accelerator=ddp\n",
        },
        {
            "training/run_experiment.py": 'import argparse\n\nimport pytorch_lightning as pl\nimport torch\nfrom torch import nn\n\n\nclass LitModel(pl.LightningModule):\n    def __init__(self):\n        super().__init__()\n        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))\n\n    def training_step(self, batch, batch_idx):\n        x, y = batch\n        return nn.functional.cross_entropy(self.net(x), y)\n\n    def configure_optimizers(self):\n        return torch.optim.Adam(self.parameters(), lr=1e-3)\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser = pl.Trainer.add_argparse_args(parser)\n    args = parser.parse_args()\n    trainer = pl.Trainer.from_argparse_args(args)\n    trainer.fit(LitModel(), datamodule=MNISTDataModule())\n\n\nif __name__ == "__main__":\n    main()\n',
            "training/run.sh": "python training/run_experiment.py --max_epochs=100 --gpus=0\n",
        },
        expect="(--gpus -1)",
        name="lightning-gpus-minus-one-is-every-gpu",
    ),
    RuleCase(
        "GT207",
        {
            "tools/train.py": "import argparse\n\nimport torch\nfrom mmcv import Config\nfrom mmaction.apis import train_model\nfrom mmaction.models import build_model\n\n\ndef main():\n    parser = argparse.ArgumentParser(description='Train a recognizer')\n    parser.add_argument('config', help='train config file path')\n    args = parser.parse_args()\n    cfg = Config.fromfile(args.config)\n    # set cudnn_benchmark\n    if cfg.get('cudnn_benchmark', False):\n        torch.backends.cudnn.benchmark = True\n    model = build_model(cfg.model, train_cfg=cfg.get('train_cfg'), test_cfg=cfg.get('test_cfg'))\n    train_model(model, datasets, cfg, distributed=False, validate=True)\n\n\nif __name__ == '__main__':\n    main()\n",
            "configs/tsn_r50_video_1x1x3_100e_kinetics400_rgb.py": "model = dict(type='Recognizer2D', backbone=dict(type='ResNet', pretrained='torchvision://resnet50', depth=50))\noptimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0001)\ntotal_epochs = 100\ncheckpoint_config = dict(interval=5)\ncudnn_benchmark = True\n",
        },
        {
            "tools/train.py": "import argparse\n\nimport torch\nfrom mmcv import Config\nfrom mmaction.apis import train_model\nfrom mmaction.models import build_model\n\n\ndef main():\n    parser = argparse.ArgumentParser(description='Train a recognizer')\n    parser.add_argument('config', help='train config file path')\n    args = parser.parse_args()\n    cfg = Config.fromfile(args.config)\n    # set cudnn_benchmark\n    if cfg.get('cudnn_benchmark', False):\n        torch.backends.cudnn.benchmark = True\n    model = build_model(cfg.model, train_cfg=cfg.get('train_cfg'), test_cfg=cfg.get('test_cfg'))\n    train_model(model, datasets, cfg, distributed=False, validate=True)\n\n\nif __name__ == '__main__':\n    main()\n",
            "configs/tsn_r50_video_1x1x3_100e_kinetics400_rgb.py": "model = dict(type='Recognizer2D', backbone=dict(type='ResNet', pretrained='torchvision://resnet50', depth=50))\noptimizer = dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.0001)\ntotal_epochs = 100\ncheckpoint_config = dict(interval=5)\n",
        },
        expect="cudnn.benchmark = True",
        name="cudnn-benchmark-behind-a-config-switch-no-config-sets",
    ),
    RuleCase(
        "GT401",
        {
            "llama2_7b_4bit.yaml": "model_type: llm\nbase_model: meta-llama/Llama-2-7b-hf\n\nquantization:\n  bits: 4\n\nadapter:\n  type: lora\n\ninput_features:\n  - name: instruction\n    type: text\n\noutput_features:\n  - name: output\n    type: text\n\ntrainer:\n  type: finetune\n  learning_rate: 0.0003\n  batch_size: 2\n  epochs: 3\n\nbackend:\n  type: local\n",
            "run_train.sh": "#!/usr/bin/env bash\nset -e\nludwig train --config llama2_7b_4bit.yaml --dataset ludwig://alpaca\n",
            "Dockerfile": "FROM pytorch/pytorch:2.1.0-cuda12.1-cudnn8-devel\nRUN pip install ludwig[llm]\n",
        },
        {
            "llama2_7b_4bit.yaml": "model_type: llm\nbase_model: meta-llama/Llama-2-7b-hf\n\nquantization:\n  bits: null\n\nadapter:\n  type: lora\n\ninput_features:\n  - name: instruction\n    type: text\n\noutput_features:\n  - name: output\n    type: text\n\ntrainer:\n  type: finetune\n  learning_rate: 0.0003\n  batch_size: 2\n  epochs: 3\n\nbackend:\n  type: local\n",
            "run_train.sh": "#!/usr/bin/env bash\nset -e\nludwig train --config llama2_7b_4bit.yaml --dataset ludwig://alpaca\n",
            "Dockerfile": "FROM pytorch/pytorch:2.1.0-cuda12.1-cudnn8-devel\nRUN pip install ludwig[llm]\n",
        },
        expect="quantization.bits: 4",
        name="ludwig-qlora-quantization-bits",
    ),
    RuleCase(
        "GT303",
        {
            "train.py": 'import logging\n\nfrom ludwig.api import LudwigModel\n\nmodel = LudwigModel(config="./config.yaml", logging_level=logging.INFO, backend="local")\ntrain_stats, preprocessed_data, output_directory = model.train(dataset="insurance.csv")\n',
            "config.yaml": "input_features:\n  - name: image_path\n    type: image\noutput_features:\n  - name: amount\n    type: numerical\ntraining:\n  epochs: 1000\n  early_stop: 1000\n",
        },
        {
            "train.py": 'import logging\n\nfrom ludwig.api import LudwigModel\n\nmodel = LudwigModel(config="./config.yaml", logging_level=logging.INFO, backend="local")\ntrain_stats, preprocessed_data, output_directory = model.train(dataset="insurance.csv")\n',
            "config.yaml": "input_features:\n  - name: image_path\n    type: image\noutput_features:\n  - name: amount\n    type: numerical\ntraining:\n  epochs: 1000\n  early_stop: 5\n",
        },
        expect="training.early_stop = 1000",
        name="ludwig-early-stop-rounds-at-the-epoch-count",
    ),
    RuleCase(
        "GT301",
        {
            "hyperopt_example.py": 'import logging\n\nfrom ludwig.hyperopt.run import hyperopt\n\nconfig = {\n    "input_features": [{"name": "text", "type": "text"}],\n    "output_features": [{"name": "label", "type": "category"}],\n    "trainer": {"epochs": 20},\n}\nconfig["hyperopt"] = {\n    "goal": "minimize",\n    "output_feature": "label",\n    "metric": "loss",\n    "parameters": {"trainer.learning_rate": {"space": "loguniform", "lower": 0.0001, "upper": 0.1}},\n}\nconfig["hyperopt"]["sampler"] = {"type": "random", "num_samples": 10}\nconfig["hyperopt"]["executor"] = {"type": "ray"}\n\nhyperopt_results = hyperopt(config, dataset="reuters.csv", output_directory="results")\n',
        },
        {
            "hyperopt_example.py": 'import logging\n\nfrom ludwig.hyperopt.run import hyperopt\n\nconfig = {\n    "input_features": [{"name": "text", "type": "text"}],\n    "output_features": [{"name": "label", "type": "category"}],\n    "trainer": {"epochs": 20},\n}\nconfig["hyperopt"] = {\n    "goal": "minimize",\n    "output_feature": "label",\n    "metric": "loss",\n    "parameters": {"trainer.learning_rate": {"space": "loguniform", "lower": 0.0001, "upper": 0.1}},\n}\nconfig["hyperopt"]["sampler"] = {"type": "random"}\nconfig["hyperopt"]["executor"] = {"type": "ray"}\n\nhyperopt_results = hyperopt(config, dataset="reuters.csv", output_directory="results")\n',
        },
        expect="hyperopt.sampler.num_samples: 10",
        name="ludwig-hyperopt-num-samples",
    ),
    RuleCase(
        "GT104",
        {
            "prepare.py": 'import argparse\n\nimport joblib\nimport pandas as pd\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--input")\nargs = parser.parse_args()\ndf = pd.read_csv(args.input)\nmodel = joblib.load("model.pkl")\ndf["score"] = model.predict(df[["a", "b"]])\ndf.to_csv("scored.csv")\n',
            "train.py": 'import joblib\nimport numpy as np\nfrom sklearn.svm import SVC\n\nX = np.load("embeddings.npy")\ny = np.load("labels.npy")\nmodel = SVC().fit(X, y)\njoblib.dump(model, "model.pkl")\n',
        },
        {
            "predict.py": 'import argparse\n\nimport joblib\nimport pandas as pd\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--input")\nargs = parser.parse_args()\ndf = pd.read_csv(args.input)\nmodel = joblib.load("model.pkl")\ndf["score"] = model.predict(df[["a", "b"]])\ndf.to_csv("scored.csv")\n',
            "train.py": 'import joblib\nimport numpy as np\nfrom sklearn.svm import SVC\n\nX = np.load("embeddings.npy")\ny = np.load("labels.npy")\nmodel = SVC().fit(X, y)\njoblib.dump(model, "model.pkl")\n',
        },
        expect="data read with pd.read_csv is trained on",
        name="a-prediction-script-table-is-not-training-data",
    ),
    RuleCase(
        "GT407",
        {
            "backbones/iresnet.py": "import torch\nfrom torch import nn\nfrom torch.utils.checkpoint import checkpoint\n\nusing_ckpt = True\n\n\nclass IResNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.layers = nn.Sequential(*[nn.Linear(512, 512) for _ in range(50)])\n\n    def forward_impl(self, x):\n        return self.layers(x)\n\n    def forward(self, x):\n        if self.training and using_ckpt:\n            return checkpoint(self.forward_impl, x)\n        else:\n            return self.forward_impl(x)\n",
            "train.py": 'import torch\nfrom backbones.iresnet import IResNet\n\n\ndef main():\n    backbone = IResNet().cuda()\n    opt = torch.optim.SGD(backbone.parameters(), lr=0.1)\n    for epoch in range(20):\n        for img, label in train_loader:\n            loss = backbone(img).sum()\n            loss.backward()\n            opt.step()\n            opt.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        {
            "backbones/iresnet.py": "import torch\nfrom torch import nn\nfrom torch.utils.checkpoint import checkpoint\n\nusing_ckpt = False\n\n\nclass IResNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.layers = nn.Sequential(*[nn.Linear(512, 512) for _ in range(50)])\n\n    def forward_impl(self, x):\n        return self.layers(x)\n\n    def forward(self, x):\n        if self.training and using_ckpt:\n            return checkpoint(self.forward_impl, x)\n        else:\n            return self.forward_impl(x)\n",
            "train.py": 'import torch\nfrom backbones.iresnet import IResNet\n\n\ndef main():\n    backbone = IResNet().cuda()\n    opt = torch.optim.SGD(backbone.parameters(), lr=0.1)\n    for epoch in range(20):\n        for img, label in train_loader:\n            loss = backbone(img).sum()\n            loss.backward()\n            opt.step()\n            opt.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        expect="torch.utils.checkpoint.checkpoint",
        name="activation-checkpointing-behind-a-false-module-constant",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("reviews.csv")\ndf = df.drop_duplicates()\ndf = df.sample(1000)\nmodel = LogisticRegression().fit(df[["a", "b"]], df["label"])\n',
        },
        {
            "train.py": 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("reviews.csv")\ndf = df.drop_duplicates()\ndf = df.sample(5)\nmodel = LogisticRegression().fit(df[["a", "b"]], df["label"])\n',
        },
        expect="df.sample(n=1000)",
        name="dataframe-sample-with-a-positional-row-count",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": 'import pandas as pd\nfrom pytorch_widedeep import Trainer\nfrom pytorch_widedeep.models import TabTransformer, WideDeep\n\ndf = pd.read_csv("adult.csv").drop_duplicates()\ntab_transformer = TabTransformer(column_idx=tab_preprocessor.column_idx, input_dim=16, n_blocks=4, use_flash_attention=True)\nmodel = WideDeep(deeptabular=tab_transformer)\ntrainer = Trainer(model, objective="binary")\ntrainer.fit(X_tab=X_tab, target=target, n_epochs=5, batch_size=256)\n',
        },
        {
            "train.py": 'import pandas as pd\nfrom pytorch_widedeep import Trainer\nfrom pytorch_widedeep.models import TabTransformer, WideDeep\n\ndf = pd.read_csv("adult.csv").drop_duplicates()\ntab_transformer = TabTransformer(column_idx=tab_preprocessor.column_idx, input_dim=16, n_blocks=4, use_linear_attention=True)\nmodel = WideDeep(deeptabular=tab_transformer)\ntrainer = Trainer(model, objective="binary")\ntrainer.fit(X_tab=X_tab, target=target, n_epochs=5, batch_size=256)\n',
        },
        expect="use_flash_attention=True",
        name="widedeep-use-flash-attention",
    ),
    RuleCase(
        "GT606",
        {
            "dopamine/agents/dqn/dqn_agent.py": "import tensorflow as tf\n\n\nclass DQNAgent(object):\n    def __init__(self, sess, num_actions, optimizer=tf.compat.v1.train.RMSPropOptimizer(learning_rate=0.00025)):\n        self._sess = sess\n        self.optimizer = optimizer\n        self._train_op = self._build_train_op()\n\n    def _build_train_op(self):\n        loss = tf.compat.v1.losses.huber_loss(self._target_q, self._replay_chosen_q)\n        return self.optimizer.minimize(tf.reduce_mean(loss))\n\n    def _train_step(self):\n        self._sess.run(self._train_op)\n",
        },
        {
            "dopamine/agents/dqn/dqn_agent.py": "import tensorflow as tf\nfrom scipy import optimize\n\nclass DQNAgent(object):\n    def __init__(self, sess, num_actions, optimizer=tf.compat.v1.train.RMSPropOptimizer(learning_rate=0.00025)):\n        self._sess = sess\n        self.optimizer = optimizer\n        self._train_op = self._build_train_op()\n\n    def _build_train_op(self):\n        loss = tf.compat.v1.losses.huber_loss(self._target_q, self._replay_chosen_q)\n        return optimize.minimize(fun, x0)\n\n    def _train_step(self):\n        self._sess.run(self._train_op)\n",
        },
        expect="the project trains models (dopamine/agents/dqn/dqn_agent.py)",
        name="tensorflow-optimizer-minimize-is-training",
    ),
    RuleCase(
        "GT407",
        {
            "models/cldm_v15.yaml": "model:\n  target: cldm.cldm.ControlLDM\n  params:\n    linear_start: 0.00085\n    sd_locked: True\n    control_stage_config:\n      target: cldm.cldm.ControlNet\n      params:\n        image_size: 32\n        in_channels: 4\n        use_checkpoint: True\n    unet_config:\n      target: cldm.cldm.ControlledUnetModel\n      params:\n        image_size: 32\n        use_checkpoint: True\n",
            "tutorial_train.py": "import pytorch_lightning as pl\nfrom torch.utils.data import DataLoader\nfrom cldm.model import create_model\n\nmodel = create_model('./models/cldm_v15.yaml').cpu()\nmodel.learning_rate = 1e-5\ndataloader = DataLoader(dataset, num_workers=0, batch_size=4, shuffle=True)\ntrainer = pl.Trainer(gpus=1, precision=32, callbacks=[logger])\ntrainer.fit(model, dataloader)\n",
        },
        {
            "models/cldm_v15.yaml": "model:\n  target: cldm.cldm.ControlLDM\n  params:\n    linear_start: 0.00085\n    sd_locked: True\n    control_stage_config:\n      target: cldm.cldm.ControlNet\n      params:\n        image_size: 32\n        in_channels: 4\n        use_checkpoint: False\n    unet_config:\n      target: cldm.cldm.ControlledUnetModel\n      params:\n        image_size: 32\n        use_checkpoint: False\n",
            "tutorial_train.py": "import pytorch_lightning as pl\nfrom torch.utils.data import DataLoader\nfrom cldm.model import create_model\n\nmodel = create_model('./models/cldm_v15.yaml').cpu()\nmodel.learning_rate = 1e-5\ndataloader = DataLoader(dataset, num_workers=0, batch_size=4, shuffle=True)\ntrainer = pl.Trainer(gpus=1, precision=32, callbacks=[logger])\ntrainer.fit(model, dataloader)\n",
        },
        expect="params.use_checkpoint: True",
        name="latent-diffusion-use-checkpoint",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom copy import deepcopy\n\nfrom models.yolo import Model\n\n\ndef train(hyp, opt, device):\n    model = Model(opt.cfg, ch=3, nc=80).to(device)\n    model.half()\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=0.937)\n    for epoch in range(300):\n        for imgs, targets in dataloader:\n            pred = model(imgs.to(device).float() / 255.0)\n            loss = compute_loss(pred, targets)\n            loss.backward()\n            optimizer.step()\n            optimizer.zero_grad()\n        ckpt = {'epoch': epoch, 'model': deepcopy(model).half(), 'optimizer': optimizer.state_dict()}\n        torch.save(ckpt, 'last.pt')\n",
        },
        {
            "train.py": "import torch\nfrom copy import deepcopy\n\nfrom models.yolo import Model\n\n\ndef train(hyp, opt, device):\n    model = Model(opt.cfg, ch=3, nc=80).to(device)\n    model.half().float()  # pre-reduce anchor precision\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=0.937)\n    for epoch in range(300):\n        for imgs, targets in dataloader:\n            pred = model(imgs.to(device).float() / 255.0)\n            loss = compute_loss(pred, targets)\n            loss.backward()\n            optimizer.step()\n            optimizer.zero_grad()\n        ckpt = {'epoch': epoch, 'model': deepcopy(model).half(), 'optimizer': optimizer.state_dict()}\n        torch.save(ckpt, 'last.pt')\n",
        },
        expect="half()",
        name="half-round-trip-and-half-checkpoint-copies-are-not-half-training",
    ),
    RuleCase(
        "GT401",
        {
            "egs/librispeech/ASR/pruned_transducer_stateless7/train.py": 'import argparse\nimport copy\n\nimport torch\nfrom torch.cuda.amp import GradScaler\n\n\ndef get_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num-epochs", type=int, default=30)\n    parser.add_argument("--use-fp16", type=str2bool, default=False)\n    return parser\n\n\ndef run(rank, world_size, args):\n    model = get_transducer_model(params)\n    model_avg = copy.deepcopy(model).to(torch.float64)\n    scaler = GradScaler(enabled=args.use_fp16)\n    for epoch in range(args.num_epochs):\n        for batch in train_dl:\n            with torch.cuda.amp.autocast(enabled=args.use_fp16):\n                loss = compute_loss(model, batch)\n            scaler.scale(loss).backward()\n            scaler.step(optimizer)\n            scaler.update()\n\n\ndef main():\n    args = get_parser().parse_args()\n    run(0, 1, args)\n\n\nif __name__ == "__main__":\n    main()\n',
            "egs/librispeech/ASR/RESULTS.md": '## Results\n\n### pruned_transducer_stateless7 (zipformer)\n\nThe training command is:\n\n```bash\nexport CUDA_VISIBLE_DEVICES="0,1,2,3,4,5,6,7"\n./pruned_transducer_stateless7/train.py \\\n  --world-size 8 \\\n  --num-epochs 30 \\\n  --use-fp16 1 \\\n  --exp-dir pruned_transducer_stateless7/exp\n```\n',
        },
        {
            "egs/librispeech/ASR/pruned_transducer_stateless7/train.py": 'import argparse\nimport copy\n\nimport torch\nfrom torch.cuda.amp import GradScaler\n\n\ndef get_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num-epochs", type=int, default=30)\n    parser.add_argument("--use-fp16", type=str2bool, default=False)\n    return parser\n\n\ndef run(rank, world_size, args):\n    model = get_transducer_model(params)\n    model_avg = copy.deepcopy(model).to(torch.float64)\n    scaler = GradScaler(enabled=args.use_fp16)\n    for epoch in range(args.num_epochs):\n        for batch in train_dl:\n            with torch.cuda.amp.autocast(enabled=args.use_fp16):\n                loss = compute_loss(model, batch)\n            scaler.scale(loss).backward()\n            scaler.step(optimizer)\n            scaler.update()\n\n\ndef main():\n    args = get_parser().parse_args()\n    run(0, 1, args)\n\n\nif __name__ == "__main__":\n    main()\n',
            "egs/librispeech/ASR/RESULTS.md": '## Results\n\n### pruned_transducer_stateless7 (zipformer)\n\nThe training command is:\n\n```bash\nexport CUDA_VISIBLE_DEVICES="0,1,2,3,4,5,6,7"\n./pruned_transducer_stateless7/train.py \\\n  --world-size 8 \\\n  --num-epochs 30 \\\n  --exp-dir pruned_transducer_stateless7/exp\n```\n',
        },
        expect="--use-fp16 1",
        name="icefall-results-md-launch-command",
    ),
    RuleCase(
        "GT108",
        {
            "train.py": 'import argparse\nimport copy\n\nimport torch\nfrom torch.cuda.amp import GradScaler\n\n\ndef get_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num-epochs", type=int, default=30)\n    parser.add_argument("--use-fp16", type=str2bool, default=False)\n    return parser\n\n\ndef run(rank, world_size, args):\n    model = get_transducer_model(params)\n    model = model.to(torch.float64)\n    scaler = GradScaler(enabled=args.use_fp16)\n    for epoch in range(args.num_epochs):\n        for batch in train_dl:\n            with torch.cuda.amp.autocast(enabled=args.use_fp16):\n                loss = compute_loss(model, batch)\n            scaler.scale(loss).backward()\n            scaler.step(optimizer)\n            scaler.update()\n\n\ndef main():\n    args = get_parser().parse_args()\n    run(0, 1, args)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        {
            "train.py": 'import argparse\nimport copy\n\nimport torch\nfrom torch.cuda.amp import GradScaler\n\n\ndef get_parser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num-epochs", type=int, default=30)\n    parser.add_argument("--use-fp16", type=str2bool, default=False)\n    return parser\n\n\ndef run(rank, world_size, args):\n    model = get_transducer_model(params)\n    model_avg = copy.deepcopy(model).to(torch.float64)\n    scaler = GradScaler(enabled=args.use_fp16)\n    for epoch in range(args.num_epochs):\n        for batch in train_dl:\n            with torch.cuda.amp.autocast(enabled=args.use_fp16):\n                loss = compute_loss(model, batch)\n            scaler.scale(loss).backward()\n            scaler.step(optimizer)\n            scaler.update()\n\n\ndef main():\n    args = get_parser().parse_args()\n    run(0, 1, args)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        expect="float64",
        name="a-float64-average-of-the-weights-is-kept-exact-on-purpose",
    ),
    RuleCase(
        "GT203",
        {
            "scripts/training/train.py": 'import torch\nimport typer\nimport yaml\nfrom transformers import AutoConfig, AutoModelForSeq2SeqLM, Trainer, TrainingArguments\n\n\ndef main(config: str):\n    cfg = yaml.safe_load(open(config))\n    model_config = AutoConfig.from_pretrained(cfg["model_id"])\n    if cfg["random_init"]:\n        model = AutoModelForSeq2SeqLM.from_config(model_config)\n    else:\n        model = AutoModelForSeq2SeqLM.from_pretrained(cfg["model_id"])\n    training_args = TrainingArguments(output_dir="output", max_steps=cfg["max_steps"], tf32=True)\n    Trainer(model=model, args=training_args, train_dataset=shuffled_train_dataset).train()\n\n\nif __name__ == "__main__":\n    typer.run(main)\n',
            "scripts/training/configs/chronos-t5-large.yaml": "training_data_paths:\n- /home/ubuntu/tsmixup-data.arrow\nmax_steps: 200_000\nmodel_id: google/t5-efficient-large\nmodel_type: seq2seq\nrandom_init: false\ntie_embeddings: true\n",
        },
        {
            "scripts/training/train.py": 'import torch\nimport typer\nimport yaml\nfrom transformers import AutoConfig, AutoModelForSeq2SeqLM, Trainer, TrainingArguments\n\n\ndef main(config: str):\n    cfg = yaml.safe_load(open(config))\n    model_config = AutoConfig.from_pretrained(cfg["model_id"])\n    if cfg["random_init"]:\n        model = AutoModelForSeq2SeqLM.from_config(model_config)\n    else:\n        model = AutoModelForSeq2SeqLM.from_pretrained(cfg["model_id"])\n    training_args = TrainingArguments(output_dir="output", max_steps=cfg["max_steps"], tf32=True)\n    Trainer(model=model, args=training_args, train_dataset=shuffled_train_dataset).train()\n\n\nif __name__ == "__main__":\n    typer.run(main)\n',
            "scripts/training/configs/chronos-t5-large.yaml": "training_data_paths:\n- /home/ubuntu/tsmixup-data.arrow\nmax_steps: 200_000\nmodel_id: google/t5-efficient-large\nmodel_type: seq2seq\nrandom_init: true\ntie_embeddings: true\n",
        },
        expect="google/t5-efficient-large",
        name="a-model-id-trained-from-random-init-is-an-architecture",
    ),
    RuleCase(
        "GT105",
        {
            "api_overview.py": 'import scanpy as sc\nimport scvi\n\nadata = scvi.data.heart_cell_atlas_subsampled()\nsc.pp.filter_genes(adata, min_counts=3)\nadata.layers["counts"] = adata.X.copy()\nsc.pp.highly_variable_genes(adata, n_top_genes=1200, subset=True, layer="counts", flavor="seurat_v3")\nscvi.model.SCVI.setup_anndata(adata, layer="counts")\nmodel = scvi.model.SCVI(adata)\nmodel.train()\n',
        },
        {
            "api_overview.py": 'import scanpy as sc\nimport scvi\n\nadata = scvi.data.heart_cell_atlas_subsampled()\nsc.pp.filter_genes(adata, min_counts=3)\nadata.layers["counts"] = adata.X.copy()\nsc.pp.highly_variable_genes(adata, subset=False, layer="counts", flavor="seurat_v3")\nscvi.model.SCVI.setup_anndata(adata, layer="counts")\nmodel = scvi.model.SCVI(adata)\nmodel.train()\n',
        },
        expect="scanpy highly_variable_genes(n_top_genes=1200)",
        name="scanpy-highly-variable-genes",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("points.csv").drop_duplicates()\ndf = df.sample(4_000)\nmodel = LogisticRegression().fit(df[["a", "b"]], df["label"])\n',
        },
        {
            "train.py": 'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\ndf = pd.read_csv("points.csv").drop_duplicates()\ndf.sample(4_000).plot.scatter(x="a", y="b")\nmodel = LogisticRegression().fit(df[["a", "b"]], df["label"])\n',
        },
        expect="df.sample(n=4000)",
        name="a-sample-drawn-to-plot-is-not-training-on-a-sample",
    ),
    RuleCase(
        "GT407",
        {
            "configs/cldm_v15.yaml": "model:\n  target: cldm.cldm.ControlLDM\n  params:\n    linear_start: 0.00085\n    sd_locked: True\n    control_stage_config:\n      target: cldm.cldm.ControlNet\n      params:\n        image_size: 32\n        in_channels: 4\n        use_checkpoint: True\n    unet_config:\n      target: cldm.cldm.ControlledUnetModel\n      params:\n        image_size: 32\n        use_checkpoint: True\n",
            "tutorial_train.py": "import pytorch_lightning as pl\nfrom torch.utils.data import DataLoader\nfrom cldm.model import create_model\n\nmodel = create_model('./models/cldm_v15.yaml').cpu()\nmodel.learning_rate = 1e-5\ndataloader = DataLoader(dataset, num_workers=0, batch_size=4, shuffle=True)\ntrainer = pl.Trainer(gpus=1, precision=32, callbacks=[logger])\ntrainer.fit(model, dataloader)\n",
        },
        {
            "configs/v1-inference.yaml": "model:\n  target: cldm.cldm.ControlLDM\n  params:\n    linear_start: 0.00085\n    sd_locked: True\n    control_stage_config:\n      target: cldm.cldm.ControlNet\n      params:\n        image_size: 32\n        in_channels: 4\n        use_checkpoint: True\n    unet_config:\n      target: cldm.cldm.ControlledUnetModel\n      params:\n        image_size: 32\n        use_checkpoint: True\n",
            "tutorial_train.py": "import pytorch_lightning as pl\nfrom torch.utils.data import DataLoader\nfrom cldm.model import create_model\n\nmodel = create_model('./models/cldm_v15.yaml').cpu()\nmodel.learning_rate = 1e-5\ndataloader = DataLoader(dataset, num_workers=0, batch_size=4, shuffle=True)\ntrainer = pl.Trainer(gpus=1, precision=32, callbacks=[logger])\ntrainer.fit(model, dataloader)\n",
        },
        expect="params.use_checkpoint: True",
        name="use-checkpoint-in-an-inference-config-is-not-training",
    ),
    RuleCase(
        "GT303",
        {
            "run.py": "import argparse\nimport torch\nfrom exp.exp_main import Exp_Main\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser(description='TimesNet')\n    parser.add_argument('--task_name', type=str, required=True, default='long_term_forecast')\n    parser.add_argument('--train_epochs', type=int, default=10, help='train epochs')\n    parser.add_argument('--batch_size', type=int, default=32, help='batch size of train input data')\n    parser.add_argument('--patience', type=int, default=3, help='early stopping patience')\n    args = parser.parse_args()\n    exp = Exp_Main(args)\n    exp.train('setting')\n",
            "exp/exp_main.py": "import torch\nfrom torch import optim\nfrom utils.tools import EarlyStopping\n\nclass Exp_Main:\n    def __init__(self, args):\n        self.args = args\n\n    def train(self, setting):\n        early_stopping = EarlyStopping(patience=self.args.patience, verbose=True)\n        model_optim = optim.Adam(self.model.parameters(), lr=self.args.learning_rate)\n        for epoch in range(self.args.train_epochs):\n            for batch_x, batch_y in train_loader:\n                model_optim.zero_grad()\n                loss = criterion(self.model(batch_x), batch_y)\n                loss.backward()\n                model_optim.step()\n            early_stopping(vali_loss, self.model, path)\n            if early_stopping.early_stop:\n                break\n",
            "utils/tools.py": "import numpy as np\nimport torch\n\nclass EarlyStopping:\n    def __init__(self, patience=7, verbose=False, delta=0):\n        self.patience = patience\n        self.counter = 0\n",
            "scripts/Traffic/Transformer.sh": "export CUDA_VISIBLE_DEVICES=0\n\npython -u run.py \\\n  --task_name long_term_forecast \\\n  --model_id traffic_96_96 \\\n  --itr 1 \\\n  --train_epochs 3 \\\n  --batch_size 16\n",
        },
        {
            "run.py": "import argparse\nimport torch\nfrom exp.exp_main import Exp_Main\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser(description='TimesNet')\n    parser.add_argument('--task_name', type=str, required=True, default='long_term_forecast')\n    parser.add_argument('--train_epochs', type=int, default=10, help='train epochs')\n    parser.add_argument('--batch_size', type=int, default=32, help='batch size of train input data')\n    parser.add_argument('--patience', type=int, default=3, help='early stopping patience')\n    args = parser.parse_args()\n    exp = Exp_Main(args)\n    exp.train('setting')\n",
            "exp/exp_main.py": "import torch\nfrom torch import optim\nfrom utils.tools import EarlyStopping\n\nclass Exp_Main:\n    def __init__(self, args):\n        self.args = args\n\n    def train(self, setting):\n        early_stopping = EarlyStopping(patience=self.args.patience, verbose=True)\n        model_optim = optim.Adam(self.model.parameters(), lr=self.args.learning_rate)\n        for epoch in range(self.args.train_epochs):\n            for batch_x, batch_y in train_loader:\n                model_optim.zero_grad()\n                loss = criterion(self.model(batch_x), batch_y)\n                loss.backward()\n                model_optim.step()\n            early_stopping(vali_loss, self.model, path)\n            if early_stopping.early_stop:\n                break\n",
            "utils/tools.py": "import numpy as np\nimport torch\n\nclass EarlyStopping:\n    def __init__(self, patience=7, verbose=False, delta=0):\n        self.patience = patience\n        self.counter = 0\n",
            "scripts/Traffic/Transformer.sh": "export CUDA_VISIBLE_DEVICES=0\n\npython -u run.py \\\n  --task_name long_term_forecast \\\n  --model_id traffic_96_96 \\\n  --itr 1 \\\n  --train_epochs 10 \\\n  --batch_size 16\n",
        },
        expect="--patience defaults to 3 in run.py",
        name="a-launch-that-lowers-the-epochs-below-the-default-patience",
        extra_negatives=(
            {
                "run.py": "import argparse\nimport torch\nfrom exp.exp_main import Exp_Main\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser(description='TimesNet')\n    parser.add_argument('--task_name', type=str, required=True, default='long_term_forecast')\n    parser.add_argument('--train_epochs', type=int, default=10, help='train epochs')\n    parser.add_argument('--batch_size', type=int, default=32, help='batch size of train input data')\n    parser.add_argument('--patience', type=int, default=3, help='early stopping patience')\n    args = parser.parse_args()\n    exp = Exp_Main(args)\n    exp.train('setting')\n",
                "exp/exp_main.py": "import torch\nfrom torch import optim\nfrom utils.tools import EarlyStopping\n\nclass Exp_Main:\n    def __init__(self, args):\n        self.args = args\n\n    def train(self, setting):\n        early_stopping = EarlyStopping(patience=self.args.patience, verbose=True)\n        model_optim = optim.Adam(self.model.parameters(), lr=self.args.learning_rate)\n        for epoch in range(self.args.train_epochs):\n            for batch_x, batch_y in train_loader:\n                model_optim.zero_grad()\n                loss = criterion(self.model(batch_x), batch_y)\n                loss.backward()\n                model_optim.step()\n            early_stopping(vali_loss, self.model, path)\n            if early_stopping.early_stop:\n                break\n",
                "utils/tools.py": "import numpy as np\nimport torch\n\nclass EarlyStopping:\n    def __init__(self, patience=7, verbose=False, delta=0):\n        self.patience = patience\n        self.counter = 0\n",
                "scripts/Traffic/Transformer.sh": "export CUDA_VISIBLE_DEVICES=0\n\npython -u run.py \\\n  --task_name long_term_forecast \\\n  --model_id traffic_96_96 \\\n  --itr 1 \\\n  --train_epochs 3 \\\n  --patience 1 \\\n  --batch_size 16\n",
            },
        ),
    ),
    RuleCase(
        "GT305",
        {
            "train.py": "import argparse\nimport numpy as np\nimport torch\nimport yaml\nfrom pathlib import Path\n\n\ndef train(hyp, opt, device, tb_writer=None):\n    model = Model(opt.cfg).to(device)\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=hyp['momentum'])\n    for epoch in range(opt.epochs):\n        for imgs, targets in dataloader:\n            loss = compute_loss(model(imgs.to(device)), targets)\n            loss.backward()\n            optimizer.step()\n    return results\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--epochs', type=int, default=300)\n    parser.add_argument('--evolve', action='store_true', help='evolve hyperparameters')\n    opt = parser.parse_args()\n    device = torch.device('cuda:0')\n    with open(opt.hyp) as f:\n        hyp = yaml.load(f, Loader=yaml.SafeLoader)\n    if not opt.evolve:\n        train(hyp, opt, device)\n    else:\n        opt.notest, opt.nosave = True, True  # only test/save final epoch\n        for _ in range(300):  # generations to evolve\n            if Path('evolve.txt').exists():\n                x = np.loadtxt('evolve.txt', ndmin=2)\n            results = train(hyp.copy(), opt, device)\n"
        },
        {
            "train.py": "import argparse\nimport numpy as np\nimport torch\nimport yaml\nfrom pathlib import Path\n\n\ndef train(hyp, opt, device, tb_writer=None):\n    model = Model(opt.cfg).to(device)\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=hyp['momentum'])\n    for epoch in range(opt.epochs):\n        for imgs, targets in dataloader:\n            loss = compute_loss(model(imgs.to(device)), targets)\n            loss.backward()\n            optimizer.step()\n    return results\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--epochs', type=int, default=300)\n        opt = parser.parse_args()\n    device = torch.device('cuda:0')\n    with open(opt.hyp) as f:\n        hyp = yaml.load(f, Loader=yaml.SafeLoader)\n    if True:\n        train(hyp, opt, device)\n    else:\n        opt.notest, opt.nosave = True, True  # only test/save final epoch\n        for fold in range(5):\n            if Path('evolve.txt').exists():\n                x = np.loadtxt('evolve.txt', ndmin=2)\n            results = train(hyp.copy(), opt, device)\n"
        },
        expect="runs train() for 300 generations",
        name="yolo-hyperparameter-evolution",
    ),
    RuleCase(
        "GT305",
        {
            "train.py": "import argparse\nimport numpy as np\nimport torch\nimport yaml\nfrom pathlib import Path\n\n\ndef train(hyp, opt, device, tb_writer=None):\n    model = Model(opt.cfg).to(device)\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=hyp['momentum'])\n    for epoch in range(opt.epochs):\n        for imgs, targets in dataloader:\n            loss = compute_loss(model(imgs.to(device)), targets)\n            loss.backward()\n            optimizer.step()\n    return results\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--epochs', type=int, default=300)\n    parser.add_argument('--evolve', type=int, nargs='?', const=300, help='evolve hyperparameters for x generations')\n    opt = parser.parse_args()\n    device = torch.device('cuda:0')\n    with open(opt.hyp) as f:\n        hyp = yaml.load(f, Loader=yaml.SafeLoader)\n    if not opt.evolve:\n        train(hyp, opt, device)\n    else:\n        opt.notest, opt.nosave = True, True  # only test/save final epoch\n        for _ in range(opt.evolve):  # generations to evolve\n            if Path('evolve.txt').exists():\n                x = np.loadtxt('evolve.txt', ndmin=2)\n            results = train(hyp.copy(), opt, device)\n"
        },
        {
            "train.py": "import argparse\nimport numpy as np\nimport torch\nimport yaml\nfrom pathlib import Path\n\n\ndef train(hyp, opt, device, tb_writer=None):\n    model = Model(opt.cfg).to(device)\n    optimizer = torch.optim.SGD(model.parameters(), lr=hyp['lr0'], momentum=hyp['momentum'])\n    for epoch in range(opt.epochs):\n        for imgs, targets in dataloader:\n            loss = compute_loss(model(imgs.to(device)), targets)\n            loss.backward()\n            optimizer.step()\n    return results\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--epochs', type=int, default=300)\n    parser.add_argument('--evolve', type=int, nargs='?', const=5, help='evolve hyperparameters for x generations')\n    opt = parser.parse_args()\n    device = torch.device('cuda:0')\n    with open(opt.hyp) as f:\n        hyp = yaml.load(f, Loader=yaml.SafeLoader)\n    if not opt.evolve:\n        train(hyp, opt, device)\n    else:\n        opt.notest, opt.nosave = True, True  # only test/save final epoch\n        for _ in range(opt.evolve):  # generations to evolve\n            if Path('evolve.txt').exists():\n                x = np.loadtxt('evolve.txt', ndmin=2)\n            results = train(hyp.copy(), opt, device)\n"
        },
        expect="runs train() for 300 generations",
        name="yolov5-evolve-generations-from-the-option-const",
    ),
    RuleCase(
        "GT404",
        {
            "configs/base.py": 'from easydict import EasyDict as edict\n\nconfig = edict()\nconfig.margin_list = (1.0, 0.5, 0.0)\nconfig.network = "r50"\nconfig.resume = False\nconfig.save_all_states = True\nconfig.output = "ms1mv3_arcface_r50"\nconfig.embedding_size = 512\nconfig.fp16 = False\nconfig.batch_size = 128\nconfig.num_epoch = 20\n',
            "train_v2.py": 'import os\nimport torch\nfrom backbones import get_model\nfrom utils.utils_config import get_config\n\n\ndef main(args):\n    cfg = get_config(args.config)\n    backbone = get_model(cfg.network, dropout=0.0, fp16=cfg.fp16, num_features=cfg.embedding_size).cuda()\n    opt = torch.optim.SGD(params=[{"params": backbone.parameters()}], lr=cfg.lr)\n    for epoch in range(start_epoch, cfg.num_epoch):\n        for _, (img, local_labels) in enumerate(train_loader):\n            loss = module_partial_fc(backbone(img), local_labels)\n            loss.backward()\n            opt.step()\n            opt.zero_grad()\n        if cfg.save_all_states:\n            checkpoint = {\n                "epoch": epoch + 1,\n                "state_dict_backbone": backbone.module.state_dict(),\n                "state_optimizer": opt.state_dict(),\n            }\n            torch.save(checkpoint, os.path.join(cfg.output, f"checkpoint_gpu_{rank}.pt"))\n    if rank == 0:\n        path_module = os.path.join(cfg.output, "model.pt")\n        torch.save(backbone.module.state_dict(), path_module)\n',
        },
        {
            "configs/base.py": 'from easydict import EasyDict as edict\n\nconfig = edict()\nconfig.margin_list = (1.0, 0.5, 0.0)\nconfig.network = "r50"\nconfig.resume = False\nconfig.save_all_states = False\nconfig.output = "ms1mv3_arcface_r50"\nconfig.embedding_size = 512\nconfig.fp16 = False\nconfig.batch_size = 128\nconfig.num_epoch = 20\n',
            "train_v2.py": 'import os\nimport torch\nfrom backbones import get_model\nfrom utils.utils_config import get_config\n\n\ndef main(args):\n    cfg = get_config(args.config)\n    backbone = get_model(cfg.network, dropout=0.0, fp16=cfg.fp16, num_features=cfg.embedding_size).cuda()\n    opt = torch.optim.SGD(params=[{"params": backbone.parameters()}], lr=cfg.lr)\n    for epoch in range(start_epoch, cfg.num_epoch):\n        for _, (img, local_labels) in enumerate(train_loader):\n            loss = module_partial_fc(backbone(img), local_labels)\n            loss.backward()\n            opt.step()\n            opt.zero_grad()\n        if cfg.save_all_states:\n            checkpoint = {\n                "epoch": epoch + 1,\n                "state_dict_backbone": backbone.module.state_dict(),\n                "state_optimizer": opt.state_dict(),\n            }\n            torch.save(checkpoint, os.path.join(cfg.output, f"checkpoint_gpu_{rank}.pt"))\n    if rank == 0:\n        path_module = os.path.join(cfg.output, "model.pt")\n        torch.save(backbone.module.state_dict(), path_module)\n',
        },
        expect="torch.save() inside the training loop",
        name="a-save-behind-a-config-switch-every-config-sets-false",
    ),
    RuleCase(
        "GT510",
        {
            "train.py": 'import torch\nfrom pytorch_widedeep import Trainer\n\nfor fold in range(5):\n    model = WideDeep(wide=wide, deeptabular=tab_mlp)\n    trainer = Trainer(model, objective="binary")\n    trainer.fit(X_train=X_train, n_epochs=5, batch_size=256)\n    model.load_state_dict(torch.load("model_weights/pretrained.pt"))\n'
        },
        {
            "train.py": 'import torch\nfrom pytorch_widedeep import Trainer\n\nfor fold in range(5):\n    model = WideDeep(wide=wide, deeptabular=tab_mlp)\n    trainer = Trainer(model, objective="binary")\n    trainer.fit(X_train=X_train, n_epochs=5, batch_size=256)\n    torch.save(model.state_dict(), "model_weights/wd_model.pt")\n    model.load_state_dict(torch.load("model_weights/wd_model.pt"))\n'
        },
        expect="torch.load('model_weights/pretrained.pt')",
        name="a-file-the-loop-saves-itself-is-read-back",
    ),
    RuleCase(
        "GT202",
        {
            "scripts/training/train.py": "import torch\nfrom transformers import AutoConfig, AutoModelForSeq2SeqLM, Trainer, TrainingArguments\n\ndef load_model(model_id, random_init=False):\n    if random_init:\n        config = AutoConfig.from_pretrained(model_id)\n        return AutoModelForSeq2SeqLM.from_config(config)\n    return AutoModelForSeq2SeqLM.from_pretrained(model_id)\n\ntrainer = Trainer(model=load_model(cfg.model_id), args=TrainingArguments(output_dir='out', max_steps=200_000))\ntrainer.train()\n",
            "scripts/training/configs/chronos-t5-tiny.yaml": "training_data_paths:\n- /home/ubuntu/tsmixup-data.arrow\nmax_steps: 200_000\nmodel_id: google/t5-efficient-tiny\nmodel_type: seq2seq\nrandom_init: false\ntie_embeddings: true\n",
        },
        {
            "scripts/training/train.py": "import torch\nfrom transformers import AutoConfig, AutoModelForSeq2SeqLM, Trainer, TrainingArguments\n\ndef load_model(model_id, random_init=False):\n    if random_init:\n        config = AutoConfig.from_pretrained(model_id)\n        return AutoModelForSeq2SeqLM.from_config(config)\n    return AutoModelForSeq2SeqLM.from_pretrained(model_id)\n\ntrainer = Trainer(model=load_model(cfg.model_id), args=TrainingArguments(output_dir='out', max_steps=200_000))\ntrainer.train()\n",
            "scripts/training/configs/chronos-t5-tiny.yaml": "training_data_paths:\n- /home/ubuntu/tsmixup-data.arrow\nmax_steps: 200_000\nmodel_id: google/t5-efficient-tiny\nmodel_type: seq2seq\nrandom_init: true\ntie_embeddings: true\n",
            "scripts/training/configs/chronos-t5-large.yaml": "training_data_paths:\n- /home/ubuntu/tsmixup-data.arrow\nmax_steps: 200_000\nmodel_id: google/t5-efficient-large\nmodel_type: seq2seq\nrandom_init: true\ntie_embeddings: true\n",
        },
        expect="google/t5-efficient-tiny",
        name="a-small-size-pre-trained-from-scratch-is-not-a-chosen-light-model",
    ),
    RuleCase(
        "GT207",
        {
            "xtuner/configs/internlm/internlm2_chat_7b/internlm2_chat_7b_qlora_alpaca_e3.py": "import torch\nfrom mmengine.optim import AmpOptimWrapper, CosineAnnealingLR\nfrom torch.optim import AdamW\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\nfrom xtuner.model import SupervisedFinetune\n\npretrained_model_name_or_path = 'internlm/internlm2-chat-7b'\nuse_varlen_attn = True\nmax_length = 2048\npack_to_max_length = True\nbatch_size = 1  # per_device\naccumulative_counts = 16\nmax_epochs = 3\noptim_type = AdamW\nlr = 2e-4\n\nmodel = dict(\n    type=SupervisedFinetune,\n    use_varlen_attn=use_varlen_attn,\n    llm=dict(type=AutoModelForCausalLM.from_pretrained, pretrained_model_name_or_path=pretrained_model_name_or_path, trust_remote_code=True, torch_dtype=torch.float16))\n\noptim_wrapper = dict(\n    type=AmpOptimWrapper,\n    optimizer=dict(type=optim_type, lr=lr, betas=(0.9, 0.999), weight_decay=0),\n    clip_grad=dict(max_norm=1, error_if_nonfinite=False),\n    accumulative_counts=accumulative_counts,\n    loss_scale='dynamic',\n    dtype='float16')\n"
        },
        {
            "xtuner/configs/internlm/internlm2_chat_7b/internlm2_chat_7b_qlora_alpaca_e3.py": "import torch\nfrom mmengine.optim import AmpOptimWrapper, CosineAnnealingLR\nfrom torch.optim import AdamW\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\nfrom xtuner.model import SupervisedFinetune\n\npretrained_model_name_or_path = 'internlm/internlm2-chat-7b'\nuse_varlen_attn = False\nmax_length = 2048\npack_to_max_length = True\nbatch_size = 1  # per_device\naccumulative_counts = 16\nmax_epochs = 3\noptim_type = AdamW\nlr = 2e-4\n\nmodel = dict(\n    type=SupervisedFinetune,\n    use_varlen_attn=use_varlen_attn,\n    llm=dict(type=AutoModelForCausalLM.from_pretrained, pretrained_model_name_or_path=pretrained_model_name_or_path, trust_remote_code=True, torch_dtype=torch.float16))\n\noptim_wrapper = dict(\n    type=AmpOptimWrapper,\n    optimizer=dict(type=optim_type, lr=lr, betas=(0.9, 0.999), weight_decay=0),\n    clip_grad=dict(max_norm=1, error_if_nonfinite=False),\n    accumulative_counts=accumulative_counts,\n    loss_scale='dynamic',\n    dtype='float16')\n"
        },
        expect="use_varlen_attn: True",
        name="xtuner-varlen-attention",
    ),
    RuleCase(
        "GT407",
        {
            "xtuner/configs/internlm/internlm2_chat_7b/internlm2_chat_7b_qlora_alpaca_e3.py": "import torch\nfrom mmengine.optim import AmpOptimWrapper, CosineAnnealingLR\nfrom torch.optim import AdamW\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\nfrom xtuner.model import SupervisedFinetune\n\npretrained_model_name_or_path = 'internlm/internlm2-chat-7b'\nuse_varlen_attn = False\nmax_length = 2048\npack_to_max_length = True\nbatch_size = 1  # per_device\naccumulative_counts = 16\nmax_epochs = 3\noptim_type = AdamW\nlr = 2e-4\n\nmodel = dict(\n    type=SupervisedFinetune,\n    use_varlen_attn=use_varlen_attn,\n    llm=dict(type=AutoModelForCausalLM.from_pretrained, pretrained_model_name_or_path=pretrained_model_name_or_path, trust_remote_code=True, torch_dtype=torch.float16))\n\noptim_wrapper = dict(\n    type=AmpOptimWrapper,\n    optimizer=dict(type=optim_type, lr=lr, betas=(0.9, 0.999), weight_decay=0),\n    clip_grad=dict(max_norm=1, error_if_nonfinite=False),\n    accumulative_counts=accumulative_counts,\n    loss_scale='dynamic',\n    dtype='float16')\n"
        },
        {
            "xtuner/configs/internlm/internlm2_chat_7b/internlm2_chat_7b_qlora_alpaca_e3.py": "import torch\nfrom mmengine.optim import AmpOptimWrapper, CosineAnnealingLR\nfrom torch.optim import AdamW\nfrom transformers import AutoModelForCausalLM, AutoTokenizer\nfrom xtuner.model import SupervisedFinetune\n\npretrained_model_name_or_path = 'internlm/internlm2-chat-7b'\nuse_varlen_attn = False\nmax_length = 2048\npack_to_max_length = True\nbatch_size = 1  # per_device\naccumulative_counts = 1\nmax_epochs = 3\noptim_type = AdamW\nlr = 2e-4\n\nmodel = dict(\n    type=SupervisedFinetune,\n    use_varlen_attn=use_varlen_attn,\n    llm=dict(type=AutoModelForCausalLM.from_pretrained, pretrained_model_name_or_path=pretrained_model_name_or_path, trust_remote_code=True, torch_dtype=torch.float16))\n\noptim_wrapper = dict(\n    type=AmpOptimWrapper,\n    optimizer=dict(type=optim_type, lr=lr, betas=(0.9, 0.999), weight_decay=0),\n    clip_grad=dict(max_norm=1, error_if_nonfinite=False),\n    accumulative_counts=accumulative_counts,\n    loss_scale='dynamic',\n    dtype='float16')\n"
        },
        expect="accumulative_counts=16",
        name="mmengine-accumulative-counts",
    ),
    RuleCase(
        "GT404",
        {
            "src/trainer.py": 'import os, math, time, datetime, subprocess\nimport torch\nimport lightning as pl\n\n\nclass train_callback(pl.Callback):\n    def __init__(self, args):\n        super().__init__()\n        self.args = args\n\n    def on_train_epoch_end(self, trainer, pl_module):\n        args = self.args\n        to_save_dict = pl_module.state_dict()\n        if trainer.is_global_zero:  # logging & save state_dict\n            if (args.epoch_save > 0 and trainer.current_epoch % args.epoch_save == 0) or (trainer.current_epoch == args.epoch_count - 1):\n                torch.save(\n                    to_save_dict,\n                    f"{args.proj_dir}/rwkv-{args.epoch_begin + trainer.current_epoch}.pth",\n                )\n',
            "train.py": 'import lightning as pl\nfrom src.trainer import train_callback\nfrom src.model import RWKV\n\nmodel = RWKV(args)\ntrainer = pl.Trainer(accelerator="gpu", devices=8, precision="bf16", max_epochs=args.epoch_count, enable_checkpointing=False, callbacks=[train_callback(args)])\ntrainer.fit(model, data_loader)\n',
        },
        {
            "src/trainer.py": 'import os, math, time, datetime, subprocess\nimport torch\nimport lightning as pl\n\n\nclass train_callback(pl.Callback):\n    def __init__(self, args):\n        super().__init__()\n        self.args = args\n\n    def on_train_epoch_end(self, trainer, pl_module):\n        args = self.args\n        to_save_dict = pl_module.state_dict()\n        if trainer.is_global_zero:  # logging & save state_dict\n            if trainer.current_epoch == args.epoch_count - 1:\n                torch.save(\n                    to_save_dict,\n                    f"{args.proj_dir}/rwkv-final.pth",\n                )\n',
            "train.py": 'import lightning as pl\nfrom src.trainer import train_callback\nfrom src.model import RWKV\n\nmodel = RWKV(args)\ntrainer = pl.Trainer(accelerator="gpu", devices=8, precision="bf16", max_epochs=args.epoch_count, enable_checkpointing=False, callbacks=[train_callback(args)])\ntrainer.fit(model, data_loader)\n',
        },
        expect="every N steps",
        name="a-save-every-n-epochs-named-by-the-epoch",
    ),
    RuleCase(
        "GT207",
        {
            "config/solver/musicgen/musicgen_base_32khz.yaml": "# @package __global__\n\ndefaults:\n  - _self_\n  - /model/lm/model_scale: base\n\nefficient_attention_backend: xformers\n\noptim:\n  epochs: 500\n  optimizer: dadam\n  lr: 1\n  ema:\n    use: true\n",
            "audiocraft/solvers/musicgen.py": "import torch\nimport flashy\nfrom audiocraft.solvers.base import StandardSolver\n\nclass MusicGenSolver(StandardSolver):\n    def run_step(self, idx, batch, metrics):\n        loss = self.model.compute_loss(batch)\n        loss.backward()\n        self.optimizer.step()\n",
        },
        {
            "config/solver/musicgen/musicgen_base_32khz.yaml": "# @package __global__\n\ndefaults:\n  - _self_\n  - /model/lm/model_scale: base\n\nefficient_attention_backend: torch\n\noptim:\n  epochs: 500\n  optimizer: dadam\n  lr: 1\n  ema:\n    use: true\n",
            "audiocraft/solvers/musicgen.py": "import torch\nimport flashy\nfrom audiocraft.solvers.base import StandardSolver\n\nclass MusicGenSolver(StandardSolver):\n    def run_step(self, idx, batch, metrics):\n        loss = self.model.compute_loss(batch)\n        loss.backward()\n        self.optimizer.step()\n",
        },
        expect="efficient_attention_backend: xformers",
        name="audiocraft-xformers-attention-backend",
    ),
    RuleCase(
        "GT304",
        {
            "tune.py": 'import numpy as np\nfrom sklearn.model_selection import ParameterGrid, cross_val_score\nfrom sklearn.ensemble import GradientBoostingClassifier\n\nparam_grid = {\n    "n_estimators": [100, 200, 400],\n    "learning_rate": [0.01, 0.05, 0.1],\n    "max_depth": [2, 3, 4],\n}\n\nbest_score, best_params = -np.inf, None\nfor params in ParameterGrid(param_grid):\n    model = GradientBoostingClassifier(**params, random_state=0)\n    score = cross_val_score(model, X_train, y_train, cv=5).mean()\n    if score > best_score:\n        best_score, best_params = score, params\n'
        },
        {
            "tune.py": 'import numpy as np\nfrom sklearn.model_selection import ParameterGrid, cross_val_score\nfrom sklearn.ensemble import GradientBoostingClassifier\n\nparam_grid = {\n    "n_estimators": [100, 200],\n}\n\nbest_score, best_params = -np.inf, None\nfor params in ParameterGrid(param_grid):\n    model = GradientBoostingClassifier(**params, random_state=0)\n    score = cross_val_score(model, X_train, y_train, cv=5).mean()\n    if score > best_score:\n        best_score, best_params = score, params\n'
        },
        expect="a loop over scikit-learn's ParameterGrid trains every combination (3 × 3 × 3 = 27 trials)",
        name="a-hand-written-loop-over-parametergrid",
    ),
    RuleCase(
        "GT509",
        {
            "mingpt/trainer_atari.py": "import math\nimport torch\nfrom torch.utils.data.dataloader import DataLoader\n\n\nclass TrainerConfig:\n    max_epochs = 10\n    batch_size = 64\n    learning_rate = 3e-4\n    num_workers = 0 # for DataLoader\n\n    def __init__(self, **kwargs):\n        for k,v in kwargs.items():\n            setattr(self, k, v)\n\n\nclass Trainer:\n    def __init__(self, model, train_dataset, config):\n        self.model, self.train_dataset, self.config = model, train_dataset, config\n        self.device = 'cuda'\n        self.model = torch.nn.DataParallel(self.model).to(self.device)\n\n    def train(self):\n        model, config = self.model, self.config\n        optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)\n        loader = DataLoader(self.train_dataset, shuffle=True, pin_memory=True,\n                            batch_size=config.batch_size,\n                            num_workers=config.num_workers)\n        for epoch in range(config.max_epochs):\n            for x, y in loader:\n                logits, loss = model(x.to(self.device), y.to(self.device))\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from mingpt.trainer_atari import Trainer, TrainerConfig\ntconf = TrainerConfig(max_epochs=5, batch_size=128, learning_rate=6e-4, num_workers=0)\ntrainer = Trainer(model, train_dataset, tconf)\ntrainer.train()\n",
        },
        {
            "mingpt/trainer_atari.py": "import math\nimport torch\nfrom torch.utils.data.dataloader import DataLoader\n\n\nclass TrainerConfig:\n    max_epochs = 10\n    batch_size = 64\n    learning_rate = 3e-4\n    num_workers = 0 # for DataLoader\n\n    def __init__(self, **kwargs):\n        for k,v in kwargs.items():\n            setattr(self, k, v)\n\n\nclass Trainer:\n    def __init__(self, model, train_dataset, config):\n        self.model, self.train_dataset, self.config = model, train_dataset, config\n        self.device = 'cuda'\n        self.model = torch.nn.DataParallel(self.model).to(self.device)\n\n    def train(self):\n        model, config = self.model, self.config\n        optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)\n        loader = DataLoader(self.train_dataset, shuffle=True, pin_memory=True,\n                            batch_size=config.batch_size,\n                            num_workers=config.num_workers)\n        for epoch in range(config.max_epochs):\n            for x, y in loader:\n                logits, loss = model(x.to(self.device), y.to(self.device))\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from mingpt.trainer_atari import Trainer, TrainerConfig\ntconf = TrainerConfig(max_epochs=5, batch_size=128, learning_rate=6e-4, num_workers=4)\ntrainer = Trainer(model, train_dataset, tconf)\ntrainer.train()\n",
        },
        expect="num_workers from the setting num_workers",
        name="a-config-object-built-with-more-workers",
    ),
    RuleCase(
        "GT606",
        {
            "run_experiments.py": 'import argparse\nimport pandas as pd\nfrom neuralforecast.core import NeuralForecast\nfrom models import get_model\n\ndef main(args):\n    Y_df = pd.read_parquet(f"data/{args.dataset}.parquet")\n    nf = NeuralForecast(models=[get_model(args.model, args.horizon, num_samples=20)], freq="H")\n    Y_hat_df = nf.cross_validation(df=Y_df, n_windows=3, step_size=args.horizon)\n    Y_hat_df.to_csv(f"results/{args.dataset}_{args.model}.csv")\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dataset", type=str)\n    parser.add_argument("--model", type=str)\n    parser.add_argument("--horizon", type=int, default=24)\n    main(parser.parse_args())\n',
            "models.py": "from neuralforecast.auto import *\nfrom neuralforecast.losses.pytorch import HuberLoss\n\ndef get_model(model_name, horizon, num_samples):\n    model_dict = {\n        'AutoLSTM': AutoLSTM(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n        'AutoNHITS': AutoNHITS(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n    }\n    return model_dict[model_name]\n",
        },
        {
            "run_experiments.py": 'import argparse\nimport pandas as pd\nfrom neuralforecast.core import NeuralForecast\nfrom models import get_model\n\ndef main(args):\n    Y_df = pd.read_parquet(f"data/{args.dataset}.parquet")\n    nf = NeuralForecast(models=[get_model(args.model, args.horizon, num_samples=20)], freq="H")\n    Y_hat_df = pd.read_csv(\'forecasts.csv\')\n    Y_hat_df.to_csv(f"results/{args.dataset}_{args.model}.csv")\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dataset", type=str)\n    parser.add_argument("--model", type=str)\n    parser.add_argument("--horizon", type=int, default=24)\n    main(parser.parse_args())\n',
            "models.py": "from neuralforecast.auto import *\nfrom neuralforecast.losses.pytorch import HuberLoss\n\ndef get_model(model_name, horizon, num_samples):\n    model_dict = {\n        'AutoLSTM': AutoLSTM(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n        'AutoNHITS': AutoNHITS(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n    }\n    return model_dict[model_name]\n",
        },
        expect="the project trains models",
        name="neuralforecast-cross-validation-trains",
    ),
    RuleCase(
        "GT314",
        {
            "run_experiments.py": 'import argparse\nimport pandas as pd\nfrom neuralforecast.core import NeuralForecast\nfrom models import get_model\n\ndef main(args):\n    Y_df = pd.read_parquet(f"data/{args.dataset}.parquet")\n    nf = NeuralForecast(models=[get_model(args.model, args.horizon, num_samples=20)], freq="H")\n    Y_hat_df = nf.cross_validation(df=Y_df, n_windows=3, step_size=args.horizon)\n    Y_hat_df.to_csv(f"results/{args.dataset}_{args.model}.csv")\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dataset", type=str)\n    parser.add_argument("--model", type=str)\n    parser.add_argument("--horizon", type=int, default=24)\n    main(parser.parse_args())\n',
            "models.py": "from neuralforecast.auto import *\nfrom neuralforecast.losses.pytorch import HuberLoss\n\ndef get_model(model_name, horizon, num_samples):\n    model_dict = {\n        'AutoLSTM': AutoLSTM(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n        'AutoNHITS': AutoNHITS(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n    }\n    return model_dict[model_name]\n",
            "gpu_1.sh": "#!/bin/bash\nfor model in AutoLSTM AutoNHITS; do\n  CUDA_VISIBLE_DEVICES=0 python run_experiments.py --dataset M4 --model $model\ndone\n",
        },
        {
            "run_experiments.py": 'import argparse\nimport pandas as pd\nfrom neuralforecast.core import NeuralForecast\nfrom models import get_model\n\ndef main(args):\n    Y_df = pd.read_parquet(f"data/{args.dataset}.parquet")\n    nf = NeuralForecast(models=[get_model(args.model, args.horizon, num_samples=20)], freq="H")\n    Y_hat_df = nf.cross_validation(df=Y_df, n_windows=3, step_size=args.horizon)\n    Y_hat_df.to_csv(f"results/{args.dataset}_{args.model}.csv")\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--dataset", type=str)\n    parser.add_argument("--model", type=str)\n    parser.add_argument("--horizon", type=int, default=24)\n    main(parser.parse_args())\n',
            "models.py": "from mylib.auto import *\nfrom neuralforecast.losses.pytorch import HuberLoss\n\ndef get_model(model_name, horizon, num_samples):\n    model_dict = {\n        'AutoLSTM': AutoLSTM(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n        'AutoNHITS': AutoNHITS(config=None, h=horizon, loss=HuberLoss(), num_samples=num_samples),\n    }\n    return model_dict[model_name]\n",
            "gpu_1.sh": "#!/bin/bash\nfor model in AutoLSTM AutoNHITS; do\n  CUDA_VISIBLE_DEVICES=0 python run_experiments.py --dataset M4 --model $model\ndone\n",
        },
        expect="NeuralForecast's AutoLSTM(num_samples set at run time) (and 1 more Auto models here)",
        name="neuralforecast-auto-models-star-imported",
    ),
    RuleCase(
        "GT401",
        {
            "examples/train_qlora/llama3_lora_sft_otfq.yaml": "### model\nmodel_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\nquantization_bit: 4\nquantization_method: bitsandbytes\n\n### method\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_target: all\n\n### train\nper_device_train_batch_size: 1\ngradient_accumulation_steps: 8\nlearning_rate: 1.0e-4\nnum_train_epochs: 3.0\nlr_scheduler_type: cosine\n",
            "README.md": "## Quickstart\n\n```bash\nllamafactory-cli train examples/train_qlora/llama3_lora_sft_otfq.yaml\n```\n",
        },
        {
            "examples/train_qlora/llama3_lora_sft_otfq.yaml": "### model\nmodel_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct\nquantization_method: bitsandbytes\n\n### method\nstage: sft\ndo_train: true\nfinetuning_type: lora\nlora_target: all\n\n### train\nper_device_train_batch_size: 1\ngradient_accumulation_steps: 8\nlearning_rate: 1.0e-4\nnum_train_epochs: 3.0\nlr_scheduler_type: cosine\n",
            "README.md": "## Quickstart\n\n```bash\nllamafactory-cli train examples/train_qlora/llama3_lora_sft_otfq.yaml\n```\n",
        },
        expect="quantization_bit 4",
        name="llama-factory-quantization-bit",
    ),
    RuleCase(
        "GT312",
        {
            "run_class_finetuning.py": "import argparse\nimport torch\nfrom timm.models import create_model\nimport modeling_pretrain\n\n\ndef get_args():\n    parser = argparse.ArgumentParser('VideoMAE pre-training script', add_help=False)\n    parser.add_argument('--batch_size', default=64, type=int)\n    parser.add_argument('--epochs', default=800, type=int)\n    parser.add_argument('--model', default='pretrain_videomae_base_patch16_224', type=str)\n    return parser.parse_args()\n\n\ndef main(args):\n    model = create_model(args.model, pretrained=False, drop_path_rate=args.drop_path)\n    model.to('cuda')\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1.5e-4)\n    for epoch in range(args.epochs):\n        for videos, bool_masked_pos in data_loader_train:\n            loss = model(videos.cuda(), bool_masked_pos)\n            loss.backward()\n            optimizer.step()\n"
        },
        {
            "run_mae_pretraining.py": "import argparse\nimport torch\nfrom timm.models import create_model\nimport modeling_pretrain\n\n\ndef get_args():\n    parser = argparse.ArgumentParser('VideoMAE pre-training script', add_help=False)\n    parser.add_argument('--batch_size', default=64, type=int)\n    parser.add_argument('--epochs', default=800, type=int)\n    parser.add_argument('--model', default='pretrain_videomae_base_patch16_224', type=str)\n    parser.add_argument('--mask_ratio', default=0.75, type=float, help='ratio of the visual tokens/patches need be masked')\n    return parser.parse_args()\n\n\ndef main(args):\n    model = create_model(args.model, pretrained=False, drop_path_rate=args.drop_path)\n    model.to('cuda')\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1.5e-4)\n    for epoch in range(args.epochs):\n        for videos, bool_masked_pos in data_loader_train:\n            loss = model(videos.cuda(), bool_masked_pos)\n            loss.backward()\n            optimizer.step()\n"
        },
        expect="is built without pre-trained weights",
        name="masked-modelling-pre-training-starts-from-random-weights",
    ),
    RuleCase(
        "GT202",
        {
            "main.py": "import argparse\nimport torch\nimport network\n\n\ndef get_argparser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument(\"--dataset\", type=str, default='voc', choices=['voc', 'cityscapes'])\n    available_models = sorted(name for name in network.modeling.__dict__ if name.islower())\n    parser.add_argument(\"--model\", type=str, default='deeplabv3plus_mobilenet', choices=available_models, help='model name')\n    parser.add_argument(\"--total_itrs\", type=int, default=30e3)\n    return parser\n\n\ndef main():\n    opts = get_argparser().parse_args()\n    model = network.modeling.__dict__[opts.model](num_classes=21, output_stride=16)\n    model = torch.nn.DataParallel(model).to('cuda')\n    optimizer = torch.optim.SGD(params=model.parameters(), lr=0.01, momentum=0.9)\n    for images, labels in train_loader:\n        loss = criterion(model(images), labels)\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "main.py": "import argparse\nimport torch\nimport network\n\n\ndef get_argparser():\n    parser = argparse.ArgumentParser()\n    parser.add_argument(\"--dataset\", type=str, default='voc', choices=['voc', 'cityscapes'])\n    available_models = sorted(name for name in network.modeling.__dict__ if name.islower())\n    parser.add_argument(\"--model\", type=str, default='deeplabv3plus_resnet50', choices=available_models, help='model name')\n    parser.add_argument(\"--total_itrs\", type=int, default=30e3)\n    return parser\n\n\ndef main():\n    opts = get_argparser().parse_args()\n    model = network.modeling.__dict__[opts.model](num_classes=21, output_stride=16)\n    model = torch.nn.DataParallel(model).to('cuda')\n    optimizer = torch.optim.SGD(params=model.parameters(), lr=0.01, momentum=0.9)\n    for images, labels in train_loader:\n        loss = criterion(model(images), labels)\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="deeplabv3plus_mobilenet",
        name="an-architecture-option-defaulting-to-a-light-model",
    ),
    RuleCase(
        "GT509",
        {
            "train/train_molecules_graph_regression.py": "import torch\n\n\ndef train_epoch(model, optimizer, device, data_loader, epoch):\n    model.train()\n    for batch_graphs, batch_targets in data_loader:\n        optimizer.zero_grad()\n        loss = model.loss(model(batch_graphs.to(device)), batch_targets.to(device))\n        loss.backward()\n        optimizer.step()\n    return loss.item()\n",
            "main_molecules_graph_regression.py": 'import torch\nfrom torch.utils.data import DataLoader\nfrom train.train_molecules_graph_regression import train_epoch\n\n\ndef train_val_pipeline(dataset, params):\n    device = torch.device("cuda")\n    model = gnn_model(params).to(device)\n    optimizer = torch.optim.Adam(model.parameters(), lr=params["init_lr"])\n    train_loader = DataLoader(dataset.train, batch_size=128, shuffle=True, collate_fn=dataset.collate)\n    for epoch in range(params["epochs"]):\n        epoch_train_loss = train_epoch(model, optimizer, device, train_loader, epoch)\n',
        },
        {
            "train/train_molecules_graph_regression.py": "import torch\n\n\ndef train_epoch(model, optimizer, device, data_loader, epoch):\n    model.train()\n    for batch_graphs, batch_targets in data_loader:\n        optimizer.zero_grad()\n        loss = model.loss(model(batch_graphs.to(device)), batch_targets.to(device))\n        loss.backward()\n        optimizer.step()\n    return loss.item()\n",
            "main_molecules_graph_regression.py": 'import torch\nfrom torch.utils.data import DataLoader\nfrom train.train_molecules_graph_regression import train_epoch\n\n\ndef train_val_pipeline(dataset, params):\n    device = torch.device("cuda")\n    model = gnn_model(params).to(device)\n    optimizer = torch.optim.Adam(model.parameters(), lr=params["init_lr"])\n    train_loader = DataLoader(dataset.train, batch_size=128, shuffle=True, num_workers=4, collate_fn=dataset.collate)\n    for epoch in range(params["epochs"]):\n        epoch_train_loss = train_epoch(model, optimizer, device, train_loader, epoch)\n',
        },
        expect="num_workers not set (0)",
        name="loaders-handed-to-a-training-function-of-another-file",
    ),
    RuleCase(
        "GT404",
        {
            "rl_training.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\nimport torch\nfrom transformers import HfArgumentParser\nfrom trl import PPOConfig, PPOTrainer\n\n\n@dataclass\nclass ScriptArguments:\n    model_name: Optional[str] = field(default="", metadata={"help": "the model name"})\n    save_freq: Optional[int] = field(default=None, metadata={"help": "n steps to save the model"})\n    steps: Optional[int] = field(default=20000, metadata={"help": "number of epochs"})\n\n\nparser = HfArgumentParser(ScriptArguments)\nscript_args: ScriptArguments = parser.parse_args_into_dataclasses()[0]\nppo_trainer = PPOTrainer(config, model, ref_model=None, tokenizer=tokenizer, dataset=dataset)\nppo_trainer.train()\n'
        },
        {
            "rl_training.py": 'from dataclasses import dataclass, field\nfrom typing import Optional\nimport torch\nfrom transformers import HfArgumentParser\nfrom trl import PPOConfig, PPOTrainer\n\n\n@dataclass\nclass ScriptArguments:\n    model_name: Optional[str] = field(default="", metadata={"help": "the model name"})\n    save_freq: Optional[int] = field(default=None, metadata={"help": "n steps to save the model"})\n    steps: Optional[int] = field(default=20000, metadata={"help": "number of epochs"})\n\n\nparser = HfArgumentParser(ScriptArguments)\nscript_args: ScriptArguments = parser.parse_args_into_dataclasses()[0]\nppo_trainer = PPOTrainer(config, model, ref_model=None, tokenizer=tokenizer, dataset=dataset)\nfor epoch, batch in enumerate(ppo_trainer.dataloader):\n    stats = ppo_trainer.step(question_tensors, response_tensors, rewards)\n    loss.backward()\n    if script_args.save_freq and epoch and epoch % script_args.save_freq == 0:\n        ppo_trainer.save_pretrained(script_args.output_dir + f"step_{epoch}")\n'
        },
        expect="Hugging Face Trainer (checkpoints every 500 steps by default)",
        name="trl-ppo-trainer-stepped-by-hand-saves-nothing-by-default",
    ),
    RuleCase(
        "GT406",
        {
            "gym/experiment.py": "import argparse\nimport torch\n\n\ndef experiment(variant):\n    device = variant.get('device', 'cuda')\n    model = DecisionTransformer(state_dim=17, act_dim=6).to(device=device)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=variant['learning_rate'])\n    trainer = SequenceTrainer(model=model, optimizer=optimizer, batch_size=64)\n    for iter in range(variant['max_iters']):\n        outputs = trainer.train_iteration(num_steps=variant['num_steps_per_iter'], iter_num=iter+1, print_logs=True)\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--learning_rate', '-lr', type=float, default=1e-4)\n    parser.add_argument('--max_iters', type=int, default=10)\n    parser.add_argument('--num_steps_per_iter', type=int, default=10000)\n    args = parser.parse_args()\n    experiment(variant=vars(args))\n",
            "gym/decision_transformer/training/seq_trainer.py": "import torch\n\n\nclass SequenceTrainer:\n    def train_step(self):\n        loss = self.loss_fn(self.model(states), actions)\n        self.optimizer.zero_grad()\n        loss.backward()\n        self.optimizer.step()\n",
        },
        {
            "gym/experiment.py": "import argparse\nimport torch\n\n\ndef experiment(variant):\n    device = variant.get('device', 'cuda')\n    model = DecisionTransformer(state_dim=17, act_dim=6).to(device=device)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=variant['learning_rate'])\n    trainer = SequenceTrainer(model=model, optimizer=optimizer, batch_size=64)\n    for iter in range(variant['max_iters']):\n        outputs = trainer.train_iteration(num_steps=variant['num_steps_per_iter'], iter_num=iter+1, print_logs=True)\n\n\nif __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--learning_rate', '-lr', type=float, default=1e-4)\n    parser.add_argument('--max_iters', type=int, default=10)\n    parser.add_argument('--num_steps_per_iter', type=int, default=1000)\n    args = parser.parse_args()\n    experiment(variant=vars(args))\n",
            "gym/decision_transformer/training/seq_trainer.py": "import torch\n\n\nclass SequenceTrainer:\n    def train_step(self):\n        loss = self.loss_fn(self.model(states), actions)\n        self.optimizer.zero_grad()\n        loss.backward()\n        self.optimizer.step()\n",
        },
        expect="10000 steps (num_steps_per_iter, at least)",
        name="steps-of-one-iteration-bound-the-run-from-below",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": "import argparse\nimport random\nimport numpy as np\nimport torch\nimport torch.backends.cudnn as cudnn\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_epochs', type=int, default=150, help='maximum epoch number to train')\nparser.add_argument('--deterministic', type=int,  default=0,\n                    help='whether use deterministic training')\nargs = parser.parse_args()\n\nif __name__ == \"__main__\":\n    if not args.deterministic:\n        cudnn.benchmark = True\n        cudnn.deterministic = False\n    else:\n        cudnn.benchmark = False\n        cudnn.deterministic = True\n    net = ViT_seg(config_vit, img_size=224, num_classes=9).cuda()\n    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)\n    for epoch in range(args.max_epochs):\n        for batch in trainloader:\n            loss = ce_loss(net(batch['image'].cuda()), batch['label'].cuda())\n            loss.backward()\n            optimizer.step()\n"
        },
        {
            "train.py": "import argparse\nimport random\nimport numpy as np\nimport torch\nimport torch.backends.cudnn as cudnn\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--max_epochs', type=int, default=150, help='maximum epoch number to train')\nparser.add_argument('--deterministic', type=int,  default=1,\n                    help='whether use deterministic training')\nargs = parser.parse_args()\n\nif __name__ == \"__main__\":\n    if not args.deterministic:\n        cudnn.benchmark = True\n        cudnn.deterministic = False\n    else:\n        cudnn.benchmark = False\n        cudnn.deterministic = True\n    net = ViT_seg(config_vit, img_size=224, num_classes=9).cuda()\n    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)\n    for epoch in range(args.max_epochs):\n        for batch in trainloader:\n            loss = ce_loss(net(batch['image'].cuda()), batch['label'].cuda())\n            loss.backward()\n            optimizer.step()\n"
        },
        expect="cudnn.benchmark = True",
        name="benchmark-behind-the-negation-of-an-option-on-by-default",
    ),
    RuleCase(
        "GT207",
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": "#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend fused)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000)\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n",
        },
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": "#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend local)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000)\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n",
        },
        expect="--attention-backend fused",
        name="megatron-attention-backend-fused",
    ),
    RuleCase(
        "GT207",
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": "#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend local)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000 --cross-entropy-loss-fusion)\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n",
        },
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": "#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend local)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000)\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n",
        },
        expect="--cross-entropy-loss-fusion",
        name="megatron-fusion-switch",
    ),
    RuleCase(
        "GT401",
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": '#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend local)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000)\nDTYPE_ARGS=(--bf16)\nTRAINING_ARGS+=("${DTYPE_ARGS[@]}")\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n',
        },
        {
            "pretrain_gpt.py": "import torch\nfrom megatron.training import pretrain\n\ndef forward_step(data_iterator, model):\n    output_tensor = model(tokens, position_ids, attention_mask, labels=labels)\n    return output_tensor, loss_func\n\nif __name__ == '__main__':\n    pretrain(train_valid_test_datasets_provider, model_provider, forward_step)\n    loss.backward()\n",
            "examples/llama/train_llama3_8b.sh": "#!/bin/bash\nGPUS_PER_NODE=8\nDISTRIBUTED_ARGS=(--nproc_per_node $GPUS_PER_NODE --nnodes 1)\nMODEL_ARGS=(--num-layers 32 --hidden-size 4096 --attention-backend local)\nTRAINING_ARGS=(--micro-batch-size 1 --global-batch-size 128 --train-iters 25000)\ntorchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py ${MODEL_ARGS[@]} ${TRAINING_ARGS[@]}\n",
        },
        expect="--bf16",
        name="an-option-appended-to-a-bash-array",
    ),
    RuleCase(
        "GT311",
        {
            "chapter08.py": 'from tensorflow import keras\n\nconv_base = keras.applications.vgg16.VGG16(weights="imagenet", include_top=False, input_shape=(180, 180, 3))\nconv_base.trainable = False\ninputs = keras.Input(shape=(180, 180, 3))\nx = keras.applications.vgg16.preprocess_input(inputs)\nx = conv_base(x)\noutputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(x))\nmodel = keras.Model(inputs, outputs)\nmodel.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])\nhistory = model.fit(train_dataset, epochs=50, validation_data=validation_dataset)\n'
        },
        {
            "chapter08.py": 'from tensorflow import keras\n\nconv_base = keras.applications.vgg16.VGG16(weights=None, include_top=False, input_shape=(180, 180, 3))\nconv_base.trainable = False\ninputs = keras.Input(shape=(180, 180, 3))\nx = keras.applications.vgg16.preprocess_input(inputs)\nx = conv_base(x)\noutputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(x))\nmodel = keras.Model(inputs, outputs)\nmodel.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])\nhistory = model.fit(train_dataset, epochs=50, validation_data=validation_dataset)\n'
        },
        expect="VGG16",
        name="keras-preprocess-input-is-no-pretrained-model",
    ),
    RuleCase(
        "GT311",
        {
            "training/zoo/classifiers.py": 'from functools import partial\nimport torch\nfrom timm.models.efficientnet import tf_efficientnet_b7_ns\n\n\nclass DeepFakeClassifier(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.encoder = tf_efficientnet_b7_ns(pretrained=True, drop_path_rate=0.2)\n\n    def forward(self, x):\n        return self.fc(self.encoder.forward_features(x))\n\n\nmodel = DeepFakeClassifier().cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(40):\n    for batch in loader:\n        loss = loss_fn(model(batch["image"].cuda()), batch["labels"].cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "training/zoo/classifiers.py": 'from functools import partial\nimport torch\nfrom timm.models.efficientnet import tf_efficientnet_b7_ns\n\n\nclass DeepFakeClassifier(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.encoder = tf_efficientnet_b7_ns(pretrained=False, drop_path_rate=0.2)\n\n    def forward(self, x):\n        return self.fc(self.encoder.forward_features(x))\n\n\nmodel = DeepFakeClassifier().cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(40):\n    for batch in loader:\n        loss = loss_fn(model(batch["image"].cuda()), batch["labels"].cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="tf_efficientnet_b7_ns",
        name="a-timm-architecture-builder-with-pretrained-weights",
    ),
    RuleCase(
        "GT606",
        {
            "training_nli_v3.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\nmodel = SentenceTransformer("distilbert/distilroberta-base")\ntrain_dataset = load_dataset("sentence-transformers/all-nli", "pair", split="train")\nloss = losses.MultipleNegativesRankingLoss(model)\nargs = SentenceTransformerTrainingArguments(output_dir="output/nli", num_train_epochs=1, per_device_train_batch_size=128)\ntrainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=train_dataset, loss=loss)\ntrainer.train()\n'
        },
        {
            "training_nli_v3.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\nmodel = SentenceTransformer("distilbert/distilroberta-base")\ntrain_dataset = load_dataset("sentence-transformers/all-nli", "pair", split="train")\nloss = losses.MultipleNegativesRankingLoss(model)\nargs = SentenceTransformerTrainingArguments(output_dir="output/nli", num_train_epochs=1, per_device_train_batch_size=128)\nembeddings = model.encode(train_dataset[\'anchor\'])\n'
        },
        expect="the project trains models",
        name="sentence-transformers-trainer-trains",
    ),
    RuleCase(
        "GT314",
        {
            "hpo_nli.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\n\ndef search_space(trial):\n    return {"learning_rate": trial.suggest_float("learning_rate", 1e-6, 1e-4, log=True)}\n\n\ndef model_init(trial):\n    return SentenceTransformer("distilbert-base-uncased")\n\n\npairs = load_dataset("sentence-transformers/all-nli", "triplet", split="train[:10000]")\nargs = SentenceTransformerTrainingArguments(\n    output_dir="checkpoints",\n    fp16=True,\n    eval_strategy="no",\n    save_strategy="no",\n)\ntrainer = SentenceTransformerTrainer(model=None, args=args, train_dataset=pairs, model_init=model_init)\nbest = trainer.hyperparameter_search(hp_space=search_space, n_trials=20, direction="maximize", backend="optuna")\n'
        },
        {
            "hpo_nli.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\n\ndef search_space(trial):\n    return {"learning_rate": trial.suggest_float("learning_rate", 1e-6, 1e-4, log=True)}\n\n\ndef model_init(trial):\n    return SentenceTransformer("distilbert-base-uncased")\n\n\npairs = load_dataset("sentence-transformers/all-nli", "triplet", split="train[:10000]")\nargs = SentenceTransformerTrainingArguments(\n    output_dir="checkpoints",\n    fp16=True,\n    eval_strategy="steps",\n    eval_steps=100,\n    save_strategy="no",\n)\ntrainer = SentenceTransformerTrainer(model=None, args=args, train_dataset=pairs, model_init=model_init)\nbest = trainer.hyperparameter_search(hp_space=search_space, n_trials=20, direction="maximize", backend="optuna")\n'
        },
        expect="hyperparameter_search(n_trials=20) trains every trial to the end",
        name="hf-hyperparameter-search-that-never-evaluates",
    ),
    RuleCase(
        "GT301",
        {
            "hpo_nli.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\n\ndef search_space(trial):\n    return {"learning_rate": trial.suggest_float("learning_rate", 1e-6, 1e-4, log=True)}\n\n\ndef model_init(trial):\n    return SentenceTransformer("distilbert-base-uncased")\n\n\npairs = load_dataset("sentence-transformers/all-nli", "triplet", split="train[:10000]")\nargs = SentenceTransformerTrainingArguments(\n    output_dir="checkpoints",\n    fp16=True,\n    eval_strategy="no",\n    save_strategy="no",\n)\ntrainer = SentenceTransformerTrainer(model=None, args=args, train_dataset=pairs, model_init=model_init)\nbest = trainer.hyperparameter_search(hp_space=search_space, n_trials=20, direction="maximize", backend="optuna")\n'
        },
        {
            "hpo_nli.py": 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom sentence_transformers.trainer import SentenceTransformerTrainer\nfrom sentence_transformers.training_args import SentenceTransformerTrainingArguments\n\n\ndef search_space(trial):\n    return {"learning_rate": trial.suggest_float("learning_rate", 1e-6, 1e-4, log=True)}\n\n\ndef model_init(trial):\n    return SentenceTransformer("distilbert-base-uncased")\n\n\npairs = load_dataset("sentence-transformers/all-nli", "triplet", split="train[:10000]")\nargs = SentenceTransformerTrainingArguments(\n    output_dir="checkpoints",\n    fp16=True,\n    eval_strategy="no",\n    save_strategy="no",\n)\ntrainer = SentenceTransformerTrainer(model=None, args=args, train_dataset=pairs, model_init=model_init)\ntrainer.train()\n'
        },
        expect="hyperparameter_search(n_trials=20)",
        name="hf-hyperparameter-search-has-a-trial-budget",
    ),
    RuleCase(
        "GT208",
        {
            "scene/gaussian_model.py": 'import torch\nfrom torch import nn\n\n\nclass GaussianModel:\n    def cat_tensors_to_optimizer(self, tensors_dict):\n        optimizable_tensors = {}\n        for group in self.optimizer.param_groups:\n            extension_tensor = tensors_dict[group["name"]]\n            stored_state = self.saved_state\n            if stored_state is not None:\n                stored_state["exp_avg"] = torch.cat((stored_state["exp_avg"], torch.zeros_like(extension_tensor)), dim=0)\n                self.optimizer.state[group["params"][0]] = stored_state\n        return optimizable_tensors\n\n\ndef training(dataset, opt):\n    gaussians = GaussianModel()\n    for iteration in range(1, opt.iterations + 1):\n        image = render(viewpoint_cam, gaussians)["render"]\n        loss = l1_loss(image, gt_image.cuda())\n        loss.backward()\n        gaussians.optimizer.step()\n'
        },
        {
            "scene/gaussian_model.py": 'import torch\nfrom torch import nn\n\n\nclass GaussianModel:\n    def cat_tensors_to_optimizer(self, tensors_dict):\n        optimizable_tensors = {}\n        for group in self.optimizer.param_groups:\n            extension_tensor = tensors_dict[group["name"]]\n            stored_state = self.optimizer.state.get(group["params"][0], None)\n            if stored_state is not None:\n                stored_state["exp_avg"] = torch.cat((stored_state["exp_avg"], torch.zeros_like(extension_tensor)), dim=0)\n                self.optimizer.state[group["params"][0]] = stored_state\n        return optimizable_tensors\n\n\ndef training(dataset, opt):\n    gaussians = GaussianModel()\n    for iteration in range(1, opt.iterations + 1):\n        image = render(viewpoint_cam, gaussians)["render"]\n        loss = l1_loss(image, gt_image.cuda())\n        loss.backward()\n        gaussians.optimizer.step()\n'
        },
        expect='stored_state["exp_avg"]',
        name="an-entry-of-a-dict-fetched-anew-each-iteration",
    ),
    RuleCase(
        "GT108",
        {
            "train.py": 'import torch\n\n\ndef training_report(scene, renderFunc):\n    for iteration in range(30000):\n        loss = l1_loss(renderFunc(scene).cuda(), gt)\n        loss.backward()\n        with torch.no_grad():\n            psnr_test = 0.0\n            for idx, viewpoint in enumerate(config["cameras"]):\n                image = torch.clamp(renderFunc(viewpoint, scene.gaussians)["render"], 0.0, 1.0)\n                psnr_test += psnr(image, gt_image).double()\n'
        },
        {
            "train.py": 'import torch\n\n\ndef training_report(scene, renderFunc):\n    for iteration in range(30000):\n        loss = l1_loss(renderFunc(scene).cuda(), gt)\n        loss.backward()\n        with torch.no_grad():\n            psnr_test = 0.0\n            for idx, viewpoint in enumerate(config["cameras"]):\n                image = torch.clamp(renderFunc(viewpoint, scene.gaussians)["render"], 0.0, 1.0)\n                psnr_test += psnr(image, gt_image).mean().double()\n'
        },
        expect="psnr().double()",
        name="a-reduced-scalar-made-double-for-a-report",
    ),
    RuleCase(
        "GT107",
        {
            "device_train.py": 'import jax\nimport jax.numpy as jnp\nimport numpy as np\nimport optax\n\ntokens = np.load("data/train_tokens.npy")\nbatch = jnp.asarray(tokens[:1024]).astype(jnp.bfloat16)\ngrads = jax.grad(loss_fn)(state.params, batch)\nstate = state.apply_gradients(grads=grads)\n'
        },
        {
            "device_train.py": 'import jax\nimport jax.numpy as jnp\nimport numpy as np\nimport optax\n\ntokens = np.load("data/train_tokens.npy")\nbatch = jnp.asarray(tokens[:1024])\nacc = jax.tree_map(lambda x: jnp.zeros_like(x).astype(jnp.bfloat16), state.params)\ngrads = jax.grad(loss_fn)(state.params, batch)\nstate = state.apply_gradients(grads=grads)\n'
        },
        expect="astype(bfloat16)",
        name="a-cast-of-the-model-state-is-no-input-quantization",
    ),
    RuleCase(
        "GT311",
        {
            "training/zoo/classifiers.py": 'from functools import partial\n\nimport torch\nfrom timm.models.efficientnet import tf_efficientnet_b7_ns\n\nencoder_params = {\n    "tf_efficientnet_b7_ns": {\n        "features": 2560,\n        "init_op": partial(tf_efficientnet_b7_ns, pretrained=True, drop_path_rate=0.2),\n    },\n}\n\n\nclass DeepFakeClassifier(torch.nn.Module):\n    def __init__(self, encoder):\n        super().__init__()\n        self.encoder = encoder_params[encoder]["init_op"]()\n',
            "training/pipelines/train_classifier.py": 'import torch\nfrom training.zoo.classifiers import DeepFakeClassifier\n\nmodel = DeepFakeClassifier(encoder="tf_efficientnet_b7_ns").cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(40):\n    for sample in loader:\n        loss = loss_fn(model(sample["image"].cuda()), sample["labels"].cuda())\n        loss.backward()\n        optimizer.step()\n',
        },
        {
            "training/zoo/classifiers.py": 'from functools import partial\n\nimport torch\nfrom timm.models.efficientnet import tf_efficientnet_b7_ns\n\nencoder_params = {\n    "tf_efficientnet_b7_ns": {\n        "features": 2560,\n        "init_op": partial(tf_efficientnet_b7_ns, pretrained=False, drop_path_rate=0.2),\n    },\n}\n\n\nclass DeepFakeClassifier(torch.nn.Module):\n    def __init__(self, encoder):\n        super().__init__()\n        self.encoder = encoder_params[encoder]["init_op"]()\n',
            "training/pipelines/train_classifier.py": 'import torch\nfrom training.zoo.classifiers import DeepFakeClassifier\n\nmodel = DeepFakeClassifier(encoder="tf_efficientnet_b7_ns").cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(40):\n    for sample in loader:\n        loss = loss_fn(model(sample["image"].cuda()), sample["labels"].cuda())\n        loss.backward()\n        optimizer.step()\n',
        },
        expect="tf_efficientnet_b7_ns",
        name="a-model-builder-handed-to-functools-partial",
    ),
    RuleCase(
        "GT401",
        {
            "nbs/examples/train_wt2.py": 'from fastai.basics import *\nfrom fastai.text.all import *\nfrom fastai.callback.all import *\n\n@call_parse\ndef main(bs:Param("Batch size", int)=104, epochs:Param("Number of epochs", int)=1):\n    path = untar_data(URLs.WIKITEXT_TINY)\n    dls = TextDataLoaders.from_folder(path, is_lm=True, bs=bs)\n    model = get_language_model(AWD_LSTM, len(dls.vocab))\n    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), cbs=[MixedPrecision(clip=0.1), ModelResetter, RNNRegularizer(alpha=2, beta=1)], metrics=[accuracy, Perplexity()]).to_fp32()\n    learn.fit_one_cycle(epochs, 5e-3, moms=(0.8,0.7,0.8), div=10)\n'
        },
        {
            "nbs/examples/train_wt2.py": 'from fastai.basics import *\nfrom fastai.text.all import *\nfrom fastai.callback.all import *\n\n@call_parse\ndef main(bs:Param("Batch size", int)=104, epochs:Param("Number of epochs", int)=1):\n    path = untar_data(URLs.WIKITEXT_TINY)\n    dls = TextDataLoaders.from_folder(path, is_lm=True, bs=bs)\n    model = get_language_model(AWD_LSTM, len(dls.vocab))\n    learn = Learner(dls, model, loss_func=CrossEntropyLossFlat(), cbs=[ModelResetter, RNNRegularizer(alpha=2, beta=1)], metrics=[accuracy, Perplexity()]).to_fp32()\n    learn.fit_one_cycle(epochs, 5e-3, moms=(0.8,0.7,0.8), div=10)\n'
        },
        expect="fastai MixedPrecision callback",
        name="fastai-mixed-precision-callback",
    ),
    RuleCase(
        "GT313",
        {
            "distiller_zoo/KD.py": "import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass DistillKL(nn.Module):\n    def __init__(self, T):\n        super(DistillKL, self).__init__()\n        self.T = T\n\n    def forward(self, y_s, y_t):\n        p_s = F.log_softmax(y_s/self.T, dim=1)\n        p_t = F.softmax(y_t/self.T, dim=1)\n        loss = F.kl_div(p_s, p_t, size_average=False) * (self.T**2) / y_s.shape[0]\n        return loss\n",
            "train_student.py": "import torch\nfrom distiller_zoo import DistillKL\n\ncriterion_div = DistillKL(4)\noptimizer = torch.optim.SGD(model_s.parameters(), lr=0.05)\nfor epoch in range(240):\n    for input, target in train_loader:\n        loss = criterion_div(model_s(input.cuda()), model_t(input.cuda()))\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "distiller_zoo/KD.py": 'import torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass PriorKL(nn.Module):\n    def forward(self, logits, prior):\n        return F.kl_div(F.log_softmax(logits, dim=1), prior, reduction="batchmean")\n',
            "train_student.py": "import torch\nfrom distiller_zoo import PriorKL\n\ncriterion_div = PriorKL()\noptimizer = torch.optim.SGD(model_s.parameters(), lr=0.05)\nfor epoch in range(240):\n    for input, target in train_loader:\n        loss = criterion_div(model_s(input.cuda()), model_t(input.cuda()))\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="kl_div of temperature-softened outputs",
        name="hinton-kd-loss-without-teacher-names",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": "import torch\n\nfor batch in loader:\n    loss = model(batch.cuda()).mean()\n    loss.backward()\n    optimizer.step()\n",
            "examples/gpt3/gpt_config.yaml": "language_model:\n  num_layers: 32\n  masked_softmax_fusion: True\n  bias_dropout_fusion: True\n",
        },
        {
            "train.py": "import torch\n\nfor batch in loader:\n    loss = model(batch.cuda()).mean()\n    loss.backward()\n    optimizer.step()\n",
            "tools/cfgs/kitti_models/pv_rcnn_plusplus.yaml": "MODEL:\n  NAME: PVRCNNPlusPlus\n  POINT_HEAD:\n    NAME: PointHeadSimple\n    USE_POINT_FEATURES_BEFORE_FUSION: True\n",
        },
        expect="masked_softmax_fusion: True",
        name="a-kernel-fusion-switch-in-a-config-not-any-fusion-word",
    ),
    RuleCase(
        "GT311",
        {
            "GPT_SoVITS/AR/models/t2s_lightning_module.py": 'import torch\nfrom pytorch_lightning import LightningModule\n\n\nclass Text2SemanticLightningModule(LightningModule):\n    def __init__(self, config, output_dir, is_train=True):\n        super().__init__()\n        self.config = config\n        self.model = Text2SemanticDecoder(config=config)\n        pretrained_s1 = config.get("pretrained_s1")\n        if pretrained_s1 and is_train:\n            print(self.load_state_dict(torch.load(pretrained_s1, map_location="cpu")["weight"]))\n\n    def training_step(self, batch, batch_idx):\n        loss, acc = self.model.forward(batch["phoneme_ids"], batch["semantic_ids"])\n        self.manual_backward(loss)\n        return loss\n',
            "GPT_SoVITS/s1_train.py": 'import pytorch_lightning as pl\nfrom AR.models.t2s_lightning_module import Text2SemanticLightningModule\n\nmodel = Text2SemanticLightningModule(config, output_dir)\ntrainer = pl.Trainer(max_epochs=config["train"]["epochs"], accelerator="gpu", devices=-1, precision=config["train"]["precision"])\ntrainer.fit(model, data_module)\n',
        },
        {
            "GPT_SoVITS/AR/models/t2s_lightning_module.py": 'import torch\nfrom pytorch_lightning import LightningModule\n\n\nclass Text2SemanticLightningModule(LightningModule):\n    def __init__(self, config, output_dir, is_train=True):\n        super().__init__()\n        self.config = config\n        self.model = Text2SemanticDecoder(config=config)\n        pretrained_s1 = config.get("pretrained_s1")\n        if pretrained_s1 and is_train:\n            print(self.load_state_dict(torch.load(config[\'resume_path\'], map_location="cpu")["weight"]))\n\n    def training_step(self, batch, batch_idx):\n        loss, acc = self.model.forward(batch["phoneme_ids"], batch["semantic_ids"])\n        self.manual_backward(loss)\n        return loss\n',
            "GPT_SoVITS/s1_train.py": 'import pytorch_lightning as pl\nfrom AR.models.t2s_lightning_module import Text2SemanticLightningModule\n\nmodel = Text2SemanticLightningModule(config, output_dir)\ntrainer = pl.Trainer(max_epochs=config["train"]["epochs"], accelerator="gpu", devices=-1, precision=config["train"]["precision"])\ntrainer.fit(model, data_module)\n',
        },
        expect="load_state_dict of pre-trained weights",
        name="weights-loaded-from-a-path-named-pretrained",
    ),
    RuleCase(
        "GT402",
        {
            "tools/train.py": "import argparse\nimport torch\nfrom train_utils.train_utils import train_model\n\n\ndef parse_config():\n    parser = argparse.ArgumentParser(description='arg parser')\n    parser.add_argument('--epochs', type=int, default=80, help='number of epochs to train for')\n    parser.add_argument('--use_amp', action='store_true', help='use mix precision training')\n    return parser.parse_args()\n\n\ndef main():\n    args = parse_config()\n    model = build_network(model_cfg=cfg.MODEL).cuda()\n    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)\n    train_model(model, optimizer, train_loader, total_epochs=args.epochs, use_amp=args.use_amp)\n",
            "tools/train_utils/train_utils.py": "import torch\n\n\ndef train_one_epoch(model, optimizer, train_loader, use_amp=False):\n    scaler = torch.cuda.amp.GradScaler(enabled=use_amp, init_scale=2.0**16)\n    for batch in train_loader:\n        with torch.cuda.amp.autocast(enabled=use_amp):\n            loss, tb_dict, disp_dict = model(batch)\n        scaler.scale(loss).backward()\n        scaler.step(optimizer)\n        scaler.update()\n\n\ndef train_model(model, optimizer, train_loader, total_epochs, use_amp=False):\n    for cur_epoch in range(total_epochs):\n        train_one_epoch(model, optimizer, train_loader, use_amp=use_amp)\n",
        },
        {
            "tools/train.py": "import argparse\nimport torch\nfrom train_utils.train_utils import train_model\n\n\ndef parse_config():\n    parser = argparse.ArgumentParser(description='arg parser')\n    parser.add_argument('--epochs', type=int, default=80, help='number of epochs to train for')\n    parser.add_argument('--use_amp', action='store_true', help='use mix precision training')\n    return parser.parse_args()\n\n\ndef main():\n    args = parse_config()\n    model = build_network(model_cfg=cfg.MODEL).cuda()\n    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01)\n    train_model(model, optimizer, train_loader, total_epochs=args.epochs, use_amp=args.use_amp)\n",
            "tools/train_utils/train_utils.py": "import torch\n\n\ndef train_one_epoch(model, optimizer, train_loader, use_amp=False):\n    scaler = torch.cuda.amp.GradScaler(enabled=use_amp, init_scale=2.0**16)\n    for batch in train_loader:\n        with torch.cuda.amp.autocast(enabled=use_amp):\n            loss, tb_dict, disp_dict = model(batch)\n        scaler.scale(loss).backward()\n        scaler.step(optimizer)\n        scaler.update()\n\n\ndef train_model(model, optimizer, train_loader, total_epochs, use_amp=False):\n    for cur_epoch in range(total_epochs):\n        train_one_epoch(model, optimizer, train_loader, use_amp=use_amp)\n",
            "tools/scripts/dist_train.sh": "#!/usr/bin/env bash\npython -m torch.distributed.launch --nproc_per_node=8 train.py --launcher pytorch --use_amp\n",
        },
        expect="autocast behind --use_amp",
        name="amp-switched-by-a-parameter-named-after-an-option",
    ),
    RuleCase(
        "GT404",
        {
            "implementations/cyclegan/cyclegan.py": 'import argparse\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--epoch", type=int, default=0, help="epoch to start training from")\nparser.add_argument("--n_epochs", type=int, default=200, help="number of epochs of training")\nparser.add_argument("--checkpoint_interval", type=int, default=5, help="interval between saving model checkpoints")\nopt = parser.parse_args()\n\nG_AB = GeneratorResNet(input_shape, opt.n_residual_blocks).cuda()\noptimizer_G = torch.optim.Adam(G_AB.parameters(), lr=0.0002)\nfor epoch in range(opt.epoch, opt.n_epochs):\n    for i, batch in enumerate(dataloader):\n        loss_G = criterion_GAN(G_AB(batch["A"].cuda()), valid)\n        loss_G.backward()\n        optimizer_G.step()\n    if opt.checkpoint_interval != -1 and epoch % opt.checkpoint_interval == 0:\n        torch.save(G_AB.state_dict(), "saved_models/%s/G_AB_%d.pth" % (opt.dataset_name, epoch))\n'
        },
        {
            "implementations/cyclegan/cyclegan.py": 'import argparse\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--epoch", type=int, default=0, help="epoch to start training from")\nparser.add_argument("--n_epochs", type=int, default=200, help="number of epochs of training")\nparser.add_argument("--checkpoint_interval", type=int, default=-1, help="interval between saving model checkpoints")\nopt = parser.parse_args()\n\nG_AB = GeneratorResNet(input_shape, opt.n_residual_blocks).cuda()\noptimizer_G = torch.optim.Adam(G_AB.parameters(), lr=0.0002)\nfor epoch in range(opt.epoch, opt.n_epochs):\n    for i, batch in enumerate(dataloader):\n        loss_G = criterion_GAN(G_AB(batch["A"].cuda()), valid)\n        loss_G.backward()\n        optimizer_G.step()\n    if opt.checkpoint_interval != -1 and epoch % opt.checkpoint_interval == 0:\n        torch.save(G_AB.state_dict(), "saved_models/%s/G_AB_%d.pth" % (opt.dataset_name, epoch))\n'
        },
        expect="torch.save() inside the training loop",
        name="a-save-interval-left-at-its-off-sentinel",
    ),
    RuleCase(
        "GT404",
        {
            "experiment.py": 'import torch\nfrom labml import experiment, tracker\n\n\ndef train(model, optimizer, loader):\n    for epoch in range(100):\n        for data, target in loader:\n            loss = loss_func(model(data.cuda()), target.cuda())\n            loss.backward()\n            optimizer.step()\n            tracker.add("loss.train", loss)\n        torch.save(model.state_dict(), f"model_{epoch}.pt")\n'
        },
        {
            "experiment.py": 'import torch\nfrom labml import experiment, tracker\n\n\ndef train(model, optimizer, loader):\n    for epoch in range(100):\n        for data, target in loader:\n            loss = loss_func(model(data.cuda()), target.cuda())\n            loss.backward()\n            optimizer.step()\n            tracker.add("loss.train", loss)\n        tracker.save()\n'
        },
        expect="torch.save() inside the training loop",
        name="a-metrics-tracker-save-is-no-checkpoint",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom prefigure.prefigure import get_all_args\n\ndef main():\n    args = get_all_args()\n    model = create_model_from_config(model_config).cuda()\n    trainer = pl.Trainer(devices="auto", accelerator="gpu", precision=args.precision, max_epochs=1000)\n    trainer.fit(training_wrapper, train_dl)\n\nif __name__ == "__main__":\n    main()\n',
            "defaults.ini": '\n[DEFAULTS]\n\n#name of the run\nname = stable_audio_tools\n\n# the batch size\nbatch_size = 4\n\n# Precision to use for training\nprecision = "16-mixed"\n',
        },
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom prefigure.prefigure import get_all_args\n\ndef main():\n    args = get_all_args()\n    model = create_model_from_config(model_config).cuda()\n    trainer = pl.Trainer(devices="auto", accelerator="gpu", precision=args.precision, max_epochs=1000)\n    trainer.fit(training_wrapper, train_dl)\n\nif __name__ == "__main__":\n    main()\n',
            "defaults.ini": '\n[DEFAULTS]\n\n#name of the run\nname = stable_audio_tools\n\n# the batch size\nbatch_size = 4\n\n# Precision to use for training\nprecision = "32"\n',
        },
        expect="DEFAULTS.precision: 16-mixed",
        name="a-precision-in-an-ini-file",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom prefigure.prefigure import get_all_args\n\ndef main():\n    args = get_all_args()\n    model = create_model_from_config(model_config).cuda()\n    trainer = pl.Trainer(devices="auto", accelerator="gpu", precision=args.precision, max_epochs=1000)\n    trainer.fit(training_wrapper, train_dl)\n\nif __name__ == "__main__":\n    main()\n',
            "configs/model.json": '{\n    "model_type": "diffusion_cond",\n    "sample_size": 12582912,\n    "audio_channels": 2\n}\n',
        },
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom prefigure.prefigure import get_all_args\n\ndef main():\n    args = get_all_args()\n    model = create_model_from_config(model_config).cuda()\n    trainer = pl.Trainer(devices="auto", accelerator="gpu", precision=args.precision, max_epochs=1000)\n    trainer.fit(training_wrapper, train_dl)\n\nif __name__ == "__main__":\n    main()\n',
            "configs/model.json": '{\n    "model_type": "diffusion_cond",\n    "sample_size": 12582912,\n    "sample_rate": 44100,\n    "audio_channels": 2\n}\n',
        },
        expect="sample_size=12582912",
        name="an-audio-clip-length-is-no-data-sample",
    ),
    RuleCase(
        "GT402",
        {
            "run.py": 'import pytorch_lightning as pl\nfrom vilt.config import ex\n\n\n@ex.automain\ndef main(_config):\n    model = ViLTransformerSS(_config)\n    trainer = pl.Trainer(accelerator="gpu", gpus=_config["num_gpus"], precision=32, max_epochs=_config["max_epoch"])\n    trainer.fit(model, datamodule=dm)\n',
            "vilt/config.py": 'from sacred import Experiment\n\nex = Experiment("ViLT")\n\n\n@ex.config\ndef config():\n    exp_name = "vilt"\n    num_gpus = 8\n    precision = 16\n    max_epoch = 100\n',
        },
        {
            "run.py": 'import pytorch_lightning as pl\nfrom vilt.config import ex\n\n\n@ex.automain\ndef main(_config):\n    model = ViLTransformerSS(_config)\n    trainer = pl.Trainer(accelerator="gpu", gpus=_config["num_gpus"], precision=_config["precision"], max_epochs=_config["max_epoch"])\n    trainer.fit(model, datamodule=dm)\n',
            "vilt/config.py": 'from sacred import Experiment\n\nex = Experiment("ViLT")\n\n\n@ex.config\ndef config():\n    exp_name = "vilt"\n    num_gpus = 8\n    precision = 16\n    max_epoch = 100\n',
        },
        expect="mixed precision is switched off (precision=32)",
        name="a-trainer-precision-set-at-run-time",
    ),
    RuleCase(
        "GT311",
        {
            "vilt/modules/vilt_module.py": 'import torch\nimport pytorch_lightning as pl\nfrom vilt.modules import vision_transformer as vit\n\n\nclass ViLTransformerSS(pl.LightningModule):\n    def __init__(self, config):\n        super().__init__()\n        self.transformer = getattr(vit, config["vit"])(pretrained=True, config=self.hparams.config)\n\n    def training_step(self, batch, batch_idx):\n        loss = self.compute_loss(batch)\n        return loss\n\n\ntrainer = pl.Trainer(accelerator="gpu", max_epochs=10)\ntrainer.fit(ViLTransformerSS(_config), datamodule=dm)\n'
        },
        {
            "vilt/modules/vilt_module.py": 'import torch\nimport pytorch_lightning as pl\nfrom vilt.modules import vision_transformer as vit\n\n\nclass ViLTransformerSS(pl.LightningModule):\n    def __init__(self, config):\n        super().__init__()\n        self.transformer = getattr(vit, config["vit"])(pretrained=False, config=self.hparams.config)\n\n    def training_step(self, batch, batch_idx):\n        loss = self.compute_loss(batch)\n        return loss\n\n\ntrainer = pl.Trainer(accelerator="gpu", max_epochs=10)\ntrainer.fit(ViLTransformerSS(_config), datamodule=dm)\n'
        },
        expect="a model picked by name, pretrained=True",
        name="a-builder-picked-by-name-with-pretrained-weights",
    ),
    RuleCase(
        "GT311",
        {
            "model.yaml": "model:\n  name: patchcore\n  backbone: wide_resnet50_2\n  pre_trained: true\n",
            "train.py": "import torch\nloss = model(x).mean()\nloss.backward()\n",
        },
        {
            "model.yaml": "model:\n  name: patchcore\n  backbone: wide_resnet50_2\n  pre_trained: false\n",
            "train.py": "import torch\nloss = model(x).mean()\nloss.backward()\n",
        },
        expect="model.pre_trained = true",
        name="pre-trained-spelled-with-an-underscore",
    ),
    RuleCase(
        "GT408",
        {
            "workspace/train_workspace.py": "import torch\n\n\nclass TrainWorkspace:\n    def run(self):\n        for local_epoch_idx in range(self.cfg.training.num_epochs):\n            for batch_idx, batch in enumerate(train_dataloader):\n                raw_loss = self.model.compute_loss(batch)\n                raw_loss.backward()\n                self.optimizer.step()\n            if True:\n                val_losses = list()\n                for batch_idx, batch in enumerate(val_dataloader):\n                    loss = self.model.compute_loss(batch)\n                    val_losses.append(loss)\n                    loss.backward()\n"
        },
        {
            "workspace/train_workspace.py": "import torch\n\n\nclass TrainWorkspace:\n    def run(self):\n        for local_epoch_idx in range(self.cfg.training.num_epochs):\n            for batch_idx, batch in enumerate(train_dataloader):\n                raw_loss = self.model.compute_loss(batch)\n                raw_loss.backward()\n                self.optimizer.step()\n            with torch.no_grad():\n                val_losses = list()\n                for batch_idx, batch in enumerate(val_dataloader):\n                    loss = self.model.compute_loss(batch)\n                    val_losses.append(loss)\n                    loss.backward()\n"
        },
        expect="val_losses.append(loss)",
        name="losses-kept-under-no-grad-hold-no-graph",
    ),
    RuleCase(
        "GT404",
        {
            "trainer.py": 'import ray\nimport torch\n\n\n@ray.remote\nclass Trainer:\n    def continuous_update_weights(self, replay_buffer, shared_storage):\n        while self.training_step < self.config.training_steps:\n            priorities, total_loss = self.update_weights(batch)\n            if self.training_step % self.config.checkpoint_interval == 0:\n                shared_storage.set_info.remote({"weights": self.model.get_weights()})\n                shared_storage.save_checkpoint.remote()\n\n    def update_weights(self, batch):\n        loss = self.model.loss(batch)\n        self.optimizer.zero_grad()\n        loss.backward()\n        self.optimizer.step()\n'
        },
        {
            "trainer.py": 'import ray\nimport torch\n\n\n@ray.remote\nclass Trainer:\n    def continuous_update_weights(self, replay_buffer, shared_storage):\n        while self.training_step < self.config.training_steps:\n            priorities, total_loss = self.update_weights(batch)\n            if self.training_step % self.config.checkpoint_interval == 0:\n                shared_storage.set_info.remote({"weights": self.model.get_weights()})\n                shared_storage.get_info.remote("num_played_games")\n\n    def update_weights(self, batch):\n        loss = self.model.loss(batch)\n        self.optimizer.zero_grad()\n        loss.backward()\n        self.optimizer.step()\n'
        },
        expect="save_checkpoint",
        name="a-checkpoint-saved-through-a-ray-actor",
    ),
    RuleCase(
        "GT301",
        {
            "muzero.py": "import nevergrad\nimport ray\n\n\ndef hyperparameter_search(game_name, parametrization, budget, parallel_experiments, num_tests):\n    optimizer = nevergrad.optimizers.OnePlusOne(parametrization=parametrization, budget=budget)\n    for i in range(budget):\n        param = optimizer.ask()\n        result = muzero.train()\n        optimizer.tell(param, -result)\n"
        },
        {
            "muzero.py": "import nevergrad\nimport ray\n\n\ndef hyperparameter_search(game_name, parametrization, budget, parallel_experiments, num_tests):\n    optimizer = nevergrad.optimizers.OnePlusOne(parametrization=parametrization)\n    for i in range(budget):\n        param = optimizer.ask()\n        result = muzero.train()\n        optimizer.tell(param, -result)\n"
        },
        expect="nevergrad OnePlusOne(budget set at run time)",
        name="a-nevergrad-optimizer-budget",
    ),
    RuleCase(
        "GT301",
        {
            "tools/hpo/sweep.py": 'import wandb\nfrom pytorch_lightning import Trainer\n\n\nclass WandbSweep:\n    def __init__(self, config):\n        self.observation_budget = config.observation_budget\n\n    def run(self):\n        sweep_id = wandb.sweep(self.sweep_config, project="anomalib")\n        wandb.agent(sweep_id, function=self.sweep, count=self.observation_budget)\n\n    def sweep(self):\n        trainer = Trainer(accelerator="gpu", max_epochs=10)\n        trainer.fit(model, datamodule=datamodule)\n'
        },
        {
            "tools/hpo/sweep.py": 'import wandb\nfrom pytorch_lightning import Trainer\n\n\nclass WandbSweep:\n    def __init__(self, config):\n        self.observation_budget = config.observation_budget\n\n    def run(self):\n        sweep_id = wandb.sweep(self.sweep_config, project="anomalib")\n        wandb.agent(sweep_id, function=self.sweep)\n\n    def sweep(self):\n        trainer = Trainer(accelerator="gpu", max_epochs=10)\n        trainer.fit(model, datamodule=datamodule)\n'
        },
        expect="wandb.agent(count set at run time)",
        name="a-wandb-agent-count-set-at-run-time",
    ),
    RuleCase(
        "GT311",
        {
            "config/train_diffusion_unet_real_pretrained_workspace.yaml": "defaults:\n  - _self_\n  - task: real_pusht_image\n\npolicy:\n  _target_: diffusion_policy.policy.diffusion_unet_image_policy.DiffusionUnetImagePolicy\n  obs_encoder:\n    _target_: diffusion_policy.model.vision.multi_image_obs_encoder.MultiImageObsEncoder\n    rgb_model:\n      _target_: diffusion_policy.model.vision.model_getter.get_resnet\n      name: resnet18\n      weights: IMAGENET1K_V1\ntraining:\n  num_epochs: 600\n",
            "train.py": 'import torch\nimport hydra\n\n\n@hydra.main(config_path="config")\ndef main(cfg):\n    model = hydra.utils.instantiate(cfg.policy).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\n    for epoch in range(cfg.training.num_epochs):\n        for batch in train_dataloader:\n            loss = model.compute_loss(batch)\n            loss.backward()\n            optimizer.step()\n',
        },
        {
            "config/train_diffusion_unet_real_pretrained_workspace.yaml": "defaults:\n  - _self_\n  - task: real_pusht_image\n\npolicy:\n  _target_: diffusion_policy.policy.diffusion_unet_image_policy.DiffusionUnetImagePolicy\n  obs_encoder:\n    _target_: diffusion_policy.model.vision.multi_image_obs_encoder.MultiImageObsEncoder\n    rgb_model:\n      _target_: diffusion_policy.model.vision.model_getter.get_resnet\n      name: resnet18\n      weights: null\ntraining:\n  num_epochs: 600\n",
            "train.py": 'import torch\nimport hydra\n\n\n@hydra.main(config_path="config")\ndef main(cfg):\n    model = hydra.utils.instantiate(cfg.policy).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\n    for epoch in range(cfg.training.num_epochs):\n        for batch in train_dataloader:\n            loss = model.compute_loss(batch)\n            loss.backward()\n            optimizer.step()\n',
        },
        expect="rgb_model.weights: IMAGENET1K_V1",
        name="a-torchvision-weights-name-in-a-config",
    ),
    RuleCase(
        "GT606",
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    train_pipeline(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: experiments/pretrained_models/RealESRGAN_x4plus.pth\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  save_checkpoint_freq: !!float 5e3\n",
        },
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    print(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: experiments/pretrained_models/RealESRGAN_x4plus.pth\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  save_checkpoint_freq: !!float 5e3\n",
        },
        expect="the project trains models",
        name="basicsr-train-pipeline-trains",
    ),
    RuleCase(
        "GT311",
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    train_pipeline(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: experiments/pretrained_models/RealESRGAN_x4plus.pth\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  save_checkpoint_freq: !!float 5e3\n",
        },
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    train_pipeline(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: ~\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  save_checkpoint_freq: !!float 5e3\n",
        },
        expect="pretrain_network_g",
        name="basicsr-pretrain-network-path",
    ),
    RuleCase(
        "GT404",
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    train_pipeline(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: experiments/pretrained_models/RealESRGAN_x4plus.pth\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  save_checkpoint_freq: !!float 5e3\n",
        },
        {
            "realesrgan/train.py": "# flake8: noqa\nimport os.path as osp\nfrom basicsr.train import train_pipeline\n\nimport realesrgan.archs\nimport realesrgan.data\nimport realesrgan.models\n\nif __name__ == '__main__':\n    root_path = osp.abspath(osp.join(__file__, osp.pardir, osp.pardir))\n    train_pipeline(root_path)\n",
            "options/finetune_realesrgan_x4plus.yml": "# general settings\nname: finetune_RealESRGANx4plus_400k\nmodel_type: RealESRGANModel\nscale: 4\nnum_gpu: auto\n\n# path\npath:\n  pretrain_network_g: ~\n  strict_load_g: true\n  resume_state: ~\n\n# training settings\ntrain:\n  ema_decay: 0.999\n  optim_g:\n    type: Adam\n    lr: !!float 1e-4\n  total_iter: 400000\n\n# logging settings\nlogger:\n  print_freq: 100\n  val_freq: !!float 5e3\n",
        },
        expect="save_checkpoint_freq",
        name="basicsr-save-checkpoint-freq",
    ),
    RuleCase(
        "GT401",
        {
            "pretrain/tinyllama.py": 'import torch\nimport lightning as L\nfrom lit_gpt.utils import get_default_supported_precision\nfrom lit_gpt import FusedCrossEntropyLoss\n\ndef setup(devices: int = 8, precision=None):\n    precision = precision or get_default_supported_precision(training=True)\n    fabric = L.Fabric(devices=devices, strategy="fsdp", precision=precision)\n    fabric.launch(main)\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    loss_func = torch.nn.CrossEntropyLoss()\n    for state["iter_num"], train_data in enumerate(train_dataloader, state["iter_num"]):\n        loss = loss_func(model(input_ids), targets)\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        {
            "pretrain/tinyllama.py": 'import torch\nimport lightning as L\nfrom lit_gpt.utils import get_default_supported_precision\nfrom lit_gpt import FusedCrossEntropyLoss\n\ndef setup(devices: int = 8, precision=None):\n    precision = precision or get_default_supported_precision(training=False)\n    fabric = L.Fabric(devices=devices, strategy="fsdp", precision=precision)\n    fabric.launch(main)\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    loss_func = torch.nn.CrossEntropyLoss()\n    for state["iter_num"], train_data in enumerate(train_dataloader, state["iter_num"]):\n        loss = loss_func(model(input_ids), targets)\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        expect="get_default_supported_precision(training=True)",
        name="lit-gpt-default-supported-precision",
    ),
    RuleCase(
        "GT207",
        {
            "pretrain/tinyllama.py": 'import torch\nimport lightning as L\nfrom lit_gpt.utils import get_default_supported_precision\nfrom lit_gpt import FusedCrossEntropyLoss\n\ndef setup(devices: int = 8, precision=None):\n    precision = precision or get_default_supported_precision(training=True)\n    fabric = L.Fabric(devices=devices, strategy="fsdp", precision=precision)\n    fabric.launch(main)\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    loss_func = FusedCrossEntropyLoss()\n    for state["iter_num"], train_data in enumerate(train_dataloader, state["iter_num"]):\n        loss = loss_func(model(input_ids), targets)\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        {
            "pretrain/tinyllama.py": 'import torch\nimport lightning as L\nfrom lit_gpt.utils import get_default_supported_precision\n\ndef setup(devices: int = 8, precision=None):\n    precision = precision or get_default_supported_precision(training=True)\n    fabric = L.Fabric(devices=devices, strategy="fsdp", precision=precision)\n    fabric.launch(main)\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    loss_func = torch.nn.CrossEntropyLoss()\n    for state["iter_num"], train_data in enumerate(train_dataloader, state["iter_num"]):\n        loss = loss_func(model(input_ids), targets)\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        expect="FusedCrossEntropyLoss",
        name="a-fused-kernel-class",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast, GradScaler\n\n\ndef train_and_evaluate(rank, epoch, hps, nets, optims, scaler, loaders):\n    net_g, net_d = nets\n    for batch_idx, items in enumerate(train_loader):\n        with autocast(enabled=hps.train.fp16_run, dtype=torch.bfloat16):\n            y_hat, ids_slice = net_g(c, f0, uv, spec.cuda(rank))\n            with autocast(enabled=False, dtype=torch.bfloat16):\n                loss_disc, losses_disc_r, losses_disc_g = discriminator_loss(y_d_hat_r, y_d_hat_g)\n        scaler.scale(loss_disc).backward()\n        scaler.step(optim_d)\n        scaler.update()\n\n\ndef run(rank, n_gpus, hps):\n    net_g = SynthesizerTrn(hps.data.filter_length // 2 + 1, **hps.model).cuda(rank)\n    scaler = GradScaler(enabled=hps.train.fp16_run)\n    for epoch in range(1, hps.train.epochs + 1):\n        train_and_evaluate(rank, epoch, hps, [net_g, net_d], [optim_g, optim_d], scaler, [train_loader, eval_loader])\n",
            "configs_template/config_template.json": '{\n  "train": {\n    "log_interval": 200,\n    "epochs": 10000,\n    "fp16_run": false,\n    "batch_size": 6\n  }\n}\n',
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast, GradScaler\n\n\ndef train_and_evaluate(rank, epoch, hps, nets, optims, scaler, loaders):\n    net_g, net_d = nets\n    for batch_idx, items in enumerate(train_loader):\n        with autocast(enabled=hps.train.fp16_run, dtype=torch.bfloat16):\n            y_hat, ids_slice = net_g(c, f0, uv, spec.cuda(rank))\n            with autocast(enabled=False, dtype=torch.bfloat16):\n                loss_disc, losses_disc_r, losses_disc_g = discriminator_loss(y_d_hat_r, y_d_hat_g)\n        scaler.scale(loss_disc).backward()\n        scaler.step(optim_d)\n        scaler.update()\n\n\ndef run(rank, n_gpus, hps):\n    net_g = SynthesizerTrn(hps.data.filter_length // 2 + 1, **hps.model).cuda(rank)\n    scaler = GradScaler(enabled=hps.train.fp16_run)\n    for epoch in range(1, hps.train.epochs + 1):\n        train_and_evaluate(rank, epoch, hps, [net_g, net_d], [optim_g, optim_d], scaler, [train_loader, eval_loader])\n",
            "configs_template/config_template.json": '{\n  "train": {\n    "log_interval": 200,\n    "epochs": 10000,\n    "fp16_run": true,\n    "batch_size": 6\n  }\n}\n',
        },
        expect="autocast behind --fp16_run",
        name="an-fp32-section-inside-autocast-is-no-switch",
    ),
    RuleCase(
        "GT509",
        {
            "run_speech_recognition_seq2seq_streaming.py": 'from datasets import load_dataset\nfrom transformers import Seq2SeqTrainer, Seq2SeqTrainingArguments, WhisperForConditionalGeneration\n\nmodel = WhisperForConditionalGeneration.from_pretrained("openai/whisper-small")\nraw = load_dataset("mozilla-foundation/common_voice_11_0", "es", split="train", streaming=True)\nvectorized = raw.map(prepare_dataset).with_format("torch")\nargs = Seq2SeqTrainingArguments(output_dir="./", per_device_train_batch_size=64, max_steps=5000, fp16=True)\ntrainer = Seq2SeqTrainer(model=model, args=args, train_dataset=vectorized, data_collator=collator)\ntrainer.train()\n'
        },
        {
            "run_speech_recognition_seq2seq_streaming.py": 'from datasets import load_dataset\nfrom transformers import Seq2SeqTrainer, Seq2SeqTrainingArguments, WhisperForConditionalGeneration\n\nmodel = WhisperForConditionalGeneration.from_pretrained("openai/whisper-small")\nraw = load_dataset("mozilla-foundation/common_voice_11_0", "es", split="train", streaming=True)\nvectorized = raw.map(prepare_dataset).with_format("torch")\nargs = Seq2SeqTrainingArguments(output_dir="./", per_device_train_batch_size=64, max_steps=5000, fp16=True, dataloader_num_workers=4)\ntrainer = Seq2SeqTrainer(model=model, args=args, train_dataset=vectorized, data_collator=collator)\ntrainer.train()\n'
        },
        expect="dataloader_num_workers unset, so 0",
        name="a-trainer-fed-a-streamed-dataset-in-process",
    ),
    RuleCase(
        "GT303",
        {
            "code/gbm_model291.py": 'import lightgbm as lgbm\nimport numpy as np\n\nparams = {"objective": "binary", "learning_rate": 0.01, "num_leaves": 16}\nnum_boost_round = 10000\nfor fold, (train_index, valid_index) in enumerate(kf.split(X, y)):\n    dtrain = lgbm.Dataset(X[train_index], y[train_index])\n    dvalid = lgbm.Dataset(X[valid_index], y[valid_index], reference=dtrain)\n    model = lgbm.train(params, dtrain, 100, valid_sets=dvalid, verbose_eval=100, early_stopping_rounds=100)\n'
        },
        {
            "code/gbm_model291.py": 'import lightgbm as lgbm\nimport numpy as np\n\nparams = {"objective": "binary", "learning_rate": 0.01, "num_leaves": 16}\nnum_boost_round = 10000\nfor fold, (train_index, valid_index) in enumerate(kf.split(X, y)):\n    dtrain = lgbm.Dataset(X[train_index], y[train_index])\n    dvalid = lgbm.Dataset(X[valid_index], y[valid_index], reference=dtrain)\n    model = lgbm.train(params, dtrain, num_boost_round, valid_sets=dvalid, verbose_eval=100, early_stopping_rounds=100)\n'
        },
        expect="early_stopping_rounds=100 >= num_boost_round=100",
        name="a-boosting-budget-passed-positionally",
        extra_negatives=(
            {
                "code/gbm_model291.py": 'import lightgbm as lgbm\nimport numpy as np\n\nparams = {"objective": "binary", "learning_rate": 0.01, "num_leaves": 16}\nnum_boost_round = 10000\nfor fold, (train_index, valid_index) in enumerate(kf.split(X, y)):\n    dtrain = lgbm.Dataset(X[train_index], y[train_index])\n    dvalid = lgbm.Dataset(X[valid_index], y[valid_index], reference=dtrain)\n    model = lgbm.train(params, dtrain, 10000, valid_sets=dvalid, verbose_eval=100, early_stopping_rounds=100)\n'
            },
        ),
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import pandas as pd\nfrom lightgbm import LGBMClassifier\n\ntrain = pd.read_csv("data/application_train.csv", nrows=100000)\nmodel = LGBMClassifier(n_estimators=500).fit(train.drop(columns=["TARGET"]), train["TARGET"])\n'
        },
        {
            "train.py": 'import pandas as pd\nfrom lightgbm import LGBMClassifier\n\ntrain = pd.read_csv("data/application_train.csv", nrows=5)\nmodel = LGBMClassifier(n_estimators=500).fit(train.drop(columns=["TARGET"]), train["TARGET"])\n'
        },
        expect="read_csv(nrows=100000)",
        name="only-the-first-rows-read",
    ),
    RuleCase(
        "GT105",
        {
            "notebooks/04_multiclass.py": 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.model_selection import train_test_split\nfrom tsfresh import extract_features\nfrom tsfresh.feature_selection import select_features\n\nX = extract_features(df, column_id="id", column_sort="time")\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4)\nrelevant_features = select_features(X_train, y_train).columns\nX_train_filtered = X_train[list(relevant_features)]\nclassifier = RandomForestClassifier().fit(X_train_filtered, y_train)\n'
        },
        {
            "notebooks/04_multiclass.py": 'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.model_selection import train_test_split\nfrom tsfresh import extract_features\nfrom tsfresh.feature_selection import select_features\n\nX = extract_features(df, column_id="id", column_sort="time")\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4)\nrelevant_features = X_train.columns\nX_train_filtered = X_train[list(relevant_features)]\nclassifier = RandomForestClassifier().fit(X_train_filtered, y_train)\n'
        },
        expect="tsfresh select_features",
        name="tsfresh-feature-selection",
    ),
    RuleCase(
        "GT402",
        {
            "pretrain/tinyllama.py": "import torch\nimport lightning as L\n\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    for train_data in train_dataloader:\n        loss = torch.nn.functional.cross_entropy(model(train_data[:, :-1]), train_data[:, 1:])\n        fabric.backward(loss)\n        optimizer.step()\n",
            "PRETRAIN.md": "## Training\n\n```bash\nlightning run model \\\n    --node-rank=0 \\\n    --main-address=172.16.101.5 \\\n    --accelerator=cuda \\\n    --devices=8 \\\n    --num-nodes=2 \\\n    pretrain/tinyllama.py\n```\n",
        },
        {
            "pretrain/tinyllama.py": "import torch\nimport lightning as L\n\n\ndef main(fabric):\n    model = fabric.setup(GPT(config))\n    for train_data in train_dataloader:\n        loss = torch.nn.functional.cross_entropy(model(train_data[:, :-1]), train_data[:, 1:])\n        fabric.backward(loss)\n        optimizer.step()\n",
            "PRETRAIN.md": "## Training\n\n```bash\nlightning run model \\\n    --node-rank=0 \\\n    --main-address=172.16.101.5 \\\n    --accelerator=cpu \\\n    --devices=8 \\\n    --num-nodes=2 \\\n    pretrain/tinyllama.py\n```\n",
        },
        expect="--accelerator cuda",
        name="a-launch-on-the-cuda-accelerator",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": 'import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 1)\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\nbest_loss = float("inf")\nepochs_no_improve = 0\nfor epoch in range(500):\n    optimizer.zero_grad()\n    loss = model(torch.randn(32, 10)).pow(2).mean()\n    loss.backward()\n    optimizer.step()\n    val_loss = loss.item()\n    if val_loss < best_loss:\n        best_loss = val_loss\n        epochs_no_improve = 0\n    else:\n        epochs_no_improve += 1\n        if epochs_no_improve >= 20:\n            break\n'
        },
        {
            "train.py": 'import torch\nimport torch.nn as nn\n\nmodel = nn.Linear(10, 1)\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-3)\nbest_loss = float("inf")\nstep = 0\nfor epoch in range(500):\n    optimizer.zero_grad()\n    loss = model(torch.randn(32, 10)).pow(2).mean()\n    loss.backward()\n    optimizer.step()\n    val_loss = loss.item()\n    if val_loss < best_loss:\n        best_loss = val_loss\n        step = 0\n    else:\n        step += 1\n        if step >= 20:\n            break\n'
        },
        expect="epochs_no_improve reaches 20, then break",
        name="hand-written-count-of-epochs-without-improvement",
        extra_negatives=(
            {
                "search.py": 'import torch\n\nbest_loss = float("inf")\nepochs_no_improve = 0\nfor epoch in range(500):\n    val_loss = evaluate(epoch)\n    if val_loss < best_loss:\n        best_loss = val_loss\n        epochs_no_improve = 0\n    else:\n        epochs_no_improve += 1\n        if epochs_no_improve >= 20:\n            break\n'
            },
        ),
    ),
    RuleCase(
        "GT302",
        {
            "main_molecules_graph_regression.py": 'import torch\nimport torch.optim as optim\n\n\ndef train_val_pipeline(model, params, train_loader, val_loader):\n    optimizer = optim.Adam(model.parameters(), lr=params["init_lr"], weight_decay=params["weight_decay"])\n    scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=params["lr_reduce_factor"], patience=params["lr_schedule_patience"])\n    for epoch in range(params["epochs"]):\n        epoch_train_loss = train_epoch(model, optimizer, train_loader)\n        epoch_val_loss = evaluate_network(model, val_loader)\n        scheduler.step(epoch_val_loss)\n        if optimizer.param_groups[0]["lr"] < params["min_lr"]:\n            print("\\n!! LR EQUAL TO MIN LR SET.")\n            break\n'
        },
        {
            "main_molecules_graph_regression.py": 'import torch\nimport torch.optim as optim\n\n\ndef train_val_pipeline(model, params, train_loader, val_loader):\n    optimizer = optim.Adam(model.parameters(), lr=params["init_lr"], weight_decay=params["weight_decay"])\n    scheduler = optim.lr_scheduler.StepLR(optimizer, mode="min", factor=params["lr_reduce_factor"], patience=params["lr_schedule_patience"])\n    for epoch in range(params["epochs"]):\n        epoch_train_loss = train_epoch(model, optimizer, train_loader)\n        epoch_val_loss = evaluate_network(model, val_loader)\n        scheduler.step(epoch_val_loss)\n        if optimizer.param_groups[0]["lr"] < params["min_lr"]:\n            print("\\n!! LR EQUAL TO MIN LR SET.")\n            break\n'
        },
        expect="learning rate at its floor after plateaus",
        name="a-plateau-scheduler-run-down-to-its-floor-lr",
    ),
    RuleCase(
        "GT208",
        {
            "run_ner.py": 'import numpy as np\nimport torch\n\n\ndef evaluate(model, eval_dataloader):\n    preds = None\n    out_label_ids = None\n    for batch in eval_dataloader:\n        with torch.no_grad():\n            logits = model(batch["input_ids"])\n        if preds is None:\n            preds = logits.detach().cpu().numpy()\n            out_label_ids = batch["labels"].detach().cpu().numpy()\n        else:\n            preds = np.append(preds, logits.detach().cpu().numpy(), axis=0)\n            out_label_ids = np.append(out_label_ids, batch["labels"].detach().cpu().numpy(), axis=0)\n    return np.argmax(preds, axis=2), out_label_ids\n'
        },
        {
            "run_ner.py": 'import numpy as np\nimport torch\n\n\ndef evaluate(model, eval_dataloader):\n    preds = None\n    out_label_ids = None\n    for batch in eval_dataloader:\n        with torch.no_grad():\n            logits = model(batch["input_ids"])\n        preds = logits.detach().cpu().numpy()\n        out_label_ids = batch["labels"].detach().cpu().numpy()\n        preds = np.append(preds, np.zeros_like(preds[:1]), axis=0)\n        out_label_ids = np.append(out_label_ids, np.zeros_like(out_label_ids[:1]), axis=0)\n    return np.argmax(preds, axis=2), out_label_ids\n'
        },
        expect="'out_label_ids' is rebuilt with np.append()",
        name="the-first-pass-starts-the-array-the-others-grow",
    ),
    RuleCase(
        "GT101",
        {
            "train_ner.py": 'from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\ncorpus.downsample(0.1)\nlabel_dict = corpus.make_label_dictionary(label_type="ner")\nembeddings = TransformerWordEmbeddings(model="xlm-roberta-large", layers="-1", fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner", use_crf=False)\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune("resources/taggers/ner", learning_rate=5.0e-6, mini_batch_size=32, mini_batch_chunk_size=32)\n'
        },
        {
            "train_ner.py": 'from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\ncorpus.downsample(0.1, downsample_train=False)\nlabel_dict = corpus.make_label_dictionary(label_type="ner")\nembeddings = TransformerWordEmbeddings(model="xlm-roberta-large", layers="-1", fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner", use_crf=False)\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune("resources/taggers/ner", learning_rate=5.0e-6, mini_batch_size=32, mini_batch_chunk_size=32)\n'
        },
        expect="corpus.downsample(0.1) (Flair corpus)",
        name="a-flair-corpus-downsampled",
    ),
    RuleCase(
        "GT407",
        {
            "train_ner.py": 'from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\n\nlabel_dict = corpus.make_label_dictionary(label_type="ner")\nembeddings = TransformerWordEmbeddings(model="xlm-roberta-large", layers="-1", fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner", use_crf=False)\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune("resources/taggers/ner", learning_rate=5.0e-6, mini_batch_size=32, mini_batch_chunk_size=4)\n'
        },
        {
            "train_ner.py": 'from flair.datasets import CONLL_03\nfrom flair.embeddings import TransformerWordEmbeddings\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\n\ncorpus = CONLL_03()\n\nlabel_dict = corpus.make_label_dictionary(label_type="ner")\nembeddings = TransformerWordEmbeddings(model="xlm-roberta-large", layers="-1", fine_tune=True)\ntagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner", use_crf=False)\ntrainer = ModelTrainer(tagger, corpus)\ntrainer.fine_tune("resources/taggers/ner", learning_rate=5.0e-6, mini_batch_size=32, mini_batch_chunk_size=32)\n'
        },
        expect="mini_batch_chunk_size=4 of mini_batch_size=32 (Flair)",
        name="flair-mini-batches-run-in-chunks",
    ),
    RuleCase(
        "GT509",
        {
            "recipes/ljspeech/vits_tts/train_vits.py": 'import os\n\nfrom trainer import Trainer, TrainerArgs\n\nfrom TTS.tts.configs.shared_configs import BaseDatasetConfig\nfrom TTS.tts.configs.vits_config import VitsConfig\nfrom TTS.tts.datasets import load_tts_samples\nfrom TTS.tts.models.vits import Vits\n\noutput_path = os.path.dirname(os.path.abspath(__file__))\ndataset_config = BaseDatasetConfig(formatter="ljspeech", meta_file_train="metadata.csv", path="LJSpeech-1.1/")\nconfig = VitsConfig(\n    run_name="vits_ljspeech",\n    batch_size=32,\n    eval_batch_size=16,\n    num_loader_workers=0,\n    num_eval_loader_workers=4,\n    epochs=1000,\n    mixed_precision=True,\n    output_path=output_path,\n    datasets=[dataset_config],\n)\ntrain_samples, eval_samples = load_tts_samples(dataset_config, eval_split=True)\nmodel = Vits(config)\ntrainer = Trainer(TrainerArgs(), config, output_path, model=model, train_samples=train_samples, eval_samples=eval_samples)\ntrainer.fit()\n',
            "recipes/ljspeech/run.sh": 'CUDA_VISIBLE_DEVICES="0" python recipes/ljspeech/vits_tts/train_vits.py\n',
        },
        {
            "recipes/ljspeech/vits_tts/train_vits.py": 'import os\n\nfrom trainer import Trainer, TrainerArgs\n\nfrom TTS.tts.configs.shared_configs import BaseDatasetConfig\nfrom TTS.tts.configs.vits_config import VitsConfig\nfrom TTS.tts.datasets import load_tts_samples\nfrom TTS.tts.models.vits import Vits\n\noutput_path = os.path.dirname(os.path.abspath(__file__))\ndataset_config = BaseDatasetConfig(formatter="ljspeech", meta_file_train="metadata.csv", path="LJSpeech-1.1/")\nconfig = VitsConfig(\n    run_name="vits_ljspeech",\n    batch_size=32,\n    eval_batch_size=16,\n    num_loader_workers=4,\n    num_eval_loader_workers=4,\n    epochs=1000,\n    mixed_precision=True,\n    output_path=output_path,\n    datasets=[dataset_config],\n)\ntrain_samples, eval_samples = load_tts_samples(dataset_config, eval_split=True)\nmodel = Vits(config)\ntrainer = Trainer(TrainerArgs(), config, output_path, model=model, train_samples=train_samples, eval_samples=eval_samples)\ntrainer.fit()\n',
            "recipes/ljspeech/run.sh": 'CUDA_VISIBLE_DEVICES="0" python recipes/ljspeech/vits_tts/train_vits.py\n',
        },
        expect="VitsConfig(num_loader_workers=0) feeds Coqui's Trainer",
        name="a-coqui-config-without-loader-workers",
    ),
    RuleCase(
        "GT311",
        {
            "recipes/ljspeech/xtts_v2/train_gpt_xtts.py": 'import os\n\nfrom trainer import Trainer, TrainerArgs\n\nfrom TTS.tts.layers.xtts.trainer.gpt_trainer import GPTArgs, GPTTrainer, GPTTrainerConfig\n\nOUT_PATH = "run/training"\nXTTS_CHECKPOINT = os.path.join(OUT_PATH, "XTTS_v2.0_original_model_files", "model.pth")\nmodel_args = GPTArgs(\n    max_conditioning_length=132300,\n    gpt_max_text_tokens=402,\n    xtts_checkpoint=XTTS_CHECKPOINT,\n    gpt_num_audio_tokens=1026,\n)\nconfig = GPTTrainerConfig(epochs=1000, model_args=model_args, batch_size=3, num_loader_workers=8)\nmodel = GPTTrainer.init_from_config(config)\ntrainer = Trainer(TrainerArgs(restore_path=None, grad_accum_steps=84), config, output_path=OUT_PATH, model=model)\ntrainer.fit()\n'
        },
        {
            "recipes/ljspeech/xtts_v2/train_gpt_xtts.py": 'import os\n\nfrom trainer import Trainer, TrainerArgs\n\nfrom TTS.tts.layers.xtts.trainer.gpt_trainer import GPTArgs, GPTTrainer, GPTTrainerConfig\n\nOUT_PATH = "run/training"\nXTTS_CHECKPOINT = os.path.join(OUT_PATH, "XTTS_v2.0_original_model_files", "model.pth")\nmodel_args = GPTArgs(\n    max_conditioning_length=132300,\n    gpt_max_text_tokens=402,\n    xtts_checkpoint=None,\n    gpt_num_audio_tokens=1026,\n)\nconfig = GPTTrainerConfig(epochs=1000, model_args=model_args, batch_size=3, num_loader_workers=8)\nmodel = GPTTrainer.init_from_config(config)\ntrainer = Trainer(TrainerArgs(restore_path=None, grad_accum_steps=84), config, output_path=OUT_PATH, model=model)\ntrainer.fit()\n'
        },
        expect="GPTArgs(xtts_checkpoint=...) (Coqui)",
        name="a-coqui-recipe-fine-tuning-a-released-xtts",
    ),
    RuleCase(
        "GT404",
        {
            "training/training_loop.py": 'import os\nimport pickle\nimport time\n\nimport torch\n\n\ndef training_loop(run_dir=".", network_snapshot_ticks=50, kimg_per_tick=4, total_kimg=25000, G=None, D=None, phases=()):\n    cur_nimg = 0\n    cur_tick = 0\n    tick_start_nimg = cur_nimg\n    while True:\n        for phase in phases:\n            phase.opt.zero_grad(set_to_none=True)\n            phase.module.requires_grad_(True)\n            loss = phase.loss(G, D)\n            loss.backward()\n            phase.opt.step()\n        cur_nimg += 64\n        done = cur_nimg >= total_kimg * 1000\n        if (not done) and (cur_tick != 0) and (cur_nimg < tick_start_nimg + kimg_per_tick * 1000):\n            continue\n        snapshot_data = None\n        if (network_snapshot_ticks is not None) and (done or cur_tick % network_snapshot_ticks == 0):\n            snapshot_data = dict(G=G, D=D)\n            snapshot_pkl = os.path.join(run_dir, f"network-snapshot-{cur_nimg//1000:06d}.pkl")\n            with open(snapshot_pkl, "wb") as f:\n                pickle.dump(snapshot_data, f)\n        cur_tick += 1\n        tick_start_nimg = cur_nimg\n        if done:\n            break\n'
        },
        {
            "training/training_loop.py": 'import os\nimport pickle\nimport time\n\nimport torch\n\n\ndef training_loop(run_dir=".", network_snapshot_ticks=50, kimg_per_tick=4, total_kimg=25000, G=None, D=None, phases=()):\n    cur_nimg = 0\n    cur_tick = 0\n    tick_start_nimg = cur_nimg\n    while True:\n        for phase in phases:\n            phase.opt.zero_grad(set_to_none=True)\n            phase.module.requires_grad_(True)\n            loss = phase.loss(G, D)\n            loss.backward()\n            phase.opt.step()\n        cur_nimg += 64\n        done = cur_nimg >= total_kimg * 1000\n        if (not done) and (cur_tick != 0) and (cur_nimg < tick_start_nimg + kimg_per_tick * 1000):\n            continue\n        stats_data = None\n        if (network_snapshot_ticks is not None) and (done or cur_tick % network_snapshot_ticks == 0):\n            stats_data = dict(G=G, D=D)\n            snapshot_pkl = os.path.join(run_dir, f"network-snapshot-{cur_nimg//1000:06d}.pkl")\n            with open(snapshot_pkl, "wb") as f:\n                pickle.dump(stats_data, f)\n        cur_tick += 1\n        tick_start_nimg = cur_nimg\n        if done:\n            break\n'
        },
        expect="pickle.dump() every N steps",
        name="a-network-snapshot-pickled-every-n-ticks",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": 'import click\nimport dnnlib\n\n\ndef setup_training_loop_kwargs(resume=None):\n    args = dnnlib.EasyDict()\n    resume_specs = {\n        "ffhq256": "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/transfer-learning-source-nets/ffhq-res256-mirror-paper256-noaug.pkl",\n        "ffhq1024": "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/transfer-learning-source-nets/ffhq-res1024-mirror-stylegan2-noaug.pkl",\n    }\n    if resume is None:\n        resume = "noresume"\n    elif resume in resume_specs:\n        args.resume_pkl = resume_specs[resume]\n    elif resume != "noresume":\n        args.resume_pkl = resume\n    return args\n\n\n@click.command()\n@click.option("--resume", help="Resume training [default: noresume]", metavar="PKL")\ndef main(resume):\n    args = setup_training_loop_kwargs(resume=resume)\n    training_loop(**args)\n',
            "run.sh": "python train.py --outdir=runs --data=data.zip --gpus=1 --cfg=paper1024 --resume=ffhq1024 --snap=10\n",
        },
        {
            "train.py": 'import click\nimport dnnlib\n\n\ndef setup_training_loop_kwargs(resume=None):\n    args = dnnlib.EasyDict()\n    resume_specs = {\n        "ffhq256": "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/transfer-learning-source-nets/ffhq-res256-mirror-paper256-noaug.pkl",\n        "ffhq1024": "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/transfer-learning-source-nets/ffhq-res1024-mirror-stylegan2-noaug.pkl",\n    }\n    if resume is None:\n        resume = "noresume"\n    elif resume in resume_specs:\n        args.resume_pkl = resume_specs[resume]\n    elif resume != "noresume":\n        args.resume_pkl = resume\n    return args\n\n\n@click.command()\n@click.option("--resume", help="Resume training [default: noresume]", metavar="PKL")\ndef main(resume):\n    args = setup_training_loop_kwargs(resume=resume)\n    training_loop(**args)\n',
            "run.sh": "python train.py --outdir=runs --data=data.zip --gpus=1 --cfg=paper1024 --resume=noresume --snap=10\n",
        },
        expect="--resume ffhq1024 (a published network)",
        name="resume-names-a-published-network",
    ),
    RuleCase(
        "GT313",
        {
            "models/loss.py": "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass TokenLoss(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.ignore_index = -100\n\n    def forward(self, logits, teacher_logits, label):\n        probs = F.softmax(teacher_logits, dim=-1, dtype=torch.float32)\n        logprobs = F.log_softmax(logits, dim=-1, dtype=torch.float32)\n        x = torch.sum(probs * logprobs, dim=-1).view(-1)\n        mask = (label != self.ignore_index).int()\n        return -torch.sum(x * mask.view(-1), dim=0) / torch.sum(mask.view(-1), dim=0)\n"
        },
        {
            "models/loss.py": "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\nclass TokenLoss(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.ignore_index = -100\n\n    def forward(self, logits, logits, label):\n        probs = F.softmax(logits, dim=-1, dtype=torch.float32)\n        logprobs = F.log_softmax(logits, dim=-1, dtype=torch.float32)\n        x = torch.sum(probs * logprobs, dim=-1).view(-1)\n        mask = (label != self.ignore_index).int()\n        return -torch.sum(x * mask.view(-1), dim=0) / torch.sum(mask.view(-1), dim=0)\n"
        },
        expect="cross-entropy against a teacher's softened outputs",
        name="cross-entropy-to-a-teachers-soft-targets",
    ),
    RuleCase(
        "GT313",
        {
            "trainer/kd_trainer.py": "import torch\nfrom openrlhf.models import GPTLMLoss, KDLoss\n\n\nclass Trainer:\n    def __init__(self, model, teacher_model, strategy, optim):\n        self.model = model\n        self.teacher_model = teacher_model\n        self.optimizer = optim\n        self.loss_fn = GPTLMLoss()\n        self.kd_loss = KDLoss()\n\n    def fit(self, train_dataloader, epochs=1):\n        for epoch in range(epochs):\n            for inputs, attention_mask, labels in train_dataloader:\n                output = self.model(inputs, attention_mask=attention_mask, return_output=True)\n                loss = self.loss_fn(output.logits, labels)\n                loss.backward()\n                self.optimizer.step()\n"
        },
        {
            "trainer/kd_trainer.py": "import torch\nfrom openrlhf.models import GPTLMLoss, KDLoss\n\n\nclass Trainer:\n    def __init__(self, model, teacher_model, strategy, optim):\n        self.model = model\n        self.teacher_model = teacher_model\n        self.optimizer = optim\n        self.loss_fn = GPTLMLoss()\n        self.aux_loss = GPTLMLoss()\n\n    def fit(self, train_dataloader, epochs=1):\n        for epoch in range(epochs):\n            for inputs, attention_mask, labels in train_dataloader:\n                output = self.model(inputs, attention_mask=attention_mask, return_output=True)\n                loss = self.loss_fn(output.logits, labels)\n                loss.backward()\n                self.optimizer.step()\n"
        },
        expect="KDLoss()",
        name="a-loss-class-named-for-distillation",
    ),
    RuleCase(
        "GT405",
        {
            "openrlhf/cli/train_sft.py": 'import argparse\nimport math\n\nimport torch\nfrom transformers import AutoModelForCausalLM\n\n\ndef train(args):\n    model = AutoModelForCausalLM.from_pretrained(args.pretrain, torch_dtype=torch.bfloat16)\n    optim = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)\n    if args.save_steps == -1:\n        args.save_steps = float("inf")  # do not save ckpt\n    global_step = 0\n    for epoch in range(args.max_epochs):\n        for batch in loader:\n            loss = model(**batch).loss\n            loss.backward()\n            optim.step()\n            global_step += 1\n            if global_step % args.save_steps == 0:\n                torch.save(model.state_dict(), f"{args.save_path}/step{global_step}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--save_path", type=str, default="./ckpt")\n    parser.add_argument("--save_steps", type=int, default=-1)\n    parser.add_argument("--max_epochs", type=int, default=2)\n    parser.add_argument("--pretrain", type=str, default=None)\n    parser.add_argument("--learning_rate", type=float, default=1e-5)\n    train(parser.parse_args())\n',
            "examples/scripts/train_sft_llama.sh": "set -x\ndeepspeed --module openrlhf.cli.train_sft \\\n   --pretrain meta-llama/Meta-Llama-3-8B \\\n   --save_path ./checkpoint/llama3-8b-sft \\\n   --save_steps -1 \\\n   --max_epochs 10 \\\n   --learning_rate 5e-6\n",
        },
        {
            "openrlhf/cli/train_sft.py": 'import argparse\nimport math\n\nimport torch\nfrom transformers import AutoModelForCausalLM\n\n\ndef train(args):\n    model = AutoModelForCausalLM.from_pretrained(args.pretrain, torch_dtype=torch.bfloat16)\n    optim = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)\n    if args.save_steps == -1:\n        args.save_steps = float("inf")  # do not save ckpt\n    global_step = 0\n    for epoch in range(args.max_epochs):\n        for batch in loader:\n            loss = model(**batch).loss\n            loss.backward()\n            optim.step()\n            global_step += 1\n            if global_step % args.save_steps == 0:\n                torch.save(model.state_dict(), f"{args.save_path}/step{global_step}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--save_path", type=str, default="./ckpt")\n    parser.add_argument("--save_steps", type=int, default=-1)\n    parser.add_argument("--max_epochs", type=int, default=2)\n    parser.add_argument("--pretrain", type=str, default=None)\n    parser.add_argument("--learning_rate", type=float, default=1e-5)\n    train(parser.parse_args())\n',
            "examples/scripts/train_sft_llama.sh": "set -x\ndeepspeed --module openrlhf.cli.train_sft \\\n   --pretrain meta-llama/Meta-Llama-3-8B \\\n   --save_path ./checkpoint/llama3-8b-sft \\\n   --save_steps 1000 \\\n   --max_epochs 10 \\\n   --learning_rate 5e-6\n",
        },
        expect="--save_steps -1 switches checkpoints off",
        name="a-negative-checkpoint-interval-at-launch",
    ),
    RuleCase(
        "GT505",
        {
            "train_llama_slurm.sh": '#!/bin/bash\n#SBATCH -N 1\n#SBATCH --exclusive\nreadonly GPUS_PER_NODE=8\nsource ./train_sft.sh slurm\nsrun --container-image=nvcr.io/nvidia/pytorch:24.02-py3 \\\n    bash -c "cd /openrlhf; pip install . ; torchrun \\\n--nproc_per_node $GPUS_PER_NODE --nnodes $SLURM_NNODES --node_rank $SLURM_PROCID \\\n--master_addr $MASTER_ADDR --master_port $MASTER_PORT -m ${training_commands}"\n',
            "train.py": "import torch\nimport deepspeed\nfor batch in loader:\n    loss = engine(batch)\n    engine.backward(loss)\n    engine.step()\n",
        },
        {
            "train_llama_slurm.sh": '#!/bin/bash\n#SBATCH -N 1\n#SBATCH --exclusive\nreadonly GPUS_PER_NODE=1\nsource ./train_sft.sh slurm\nsrun --container-image=nvcr.io/nvidia/pytorch:24.02-py3 \\\n    bash -c "cd /openrlhf; pip install . ; torchrun \\\n--nproc_per_node $GPUS_PER_NODE --nnodes $SLURM_NNODES --node_rank $SLURM_PROCID \\\n--master_addr $MASTER_ADDR --master_port $MASTER_PORT -m ${training_commands}"\n',
            "train.py": "import torch\nimport deepspeed\nfor batch in loader:\n    loss = engine(batch)\n    engine.backward(loss)\n    engine.step()\n",
        },
        expect="jobs request 8 GPUs",
        name="torchrun-of-a-module-named-by-a-sourced-variable",
    ),
    RuleCase(
        "GT407",
        {
            "finetune.py": 'import fire\nimport torch\nimport transformers\nfrom peft import LoraConfig, get_peft_model\nfrom transformers import LlamaForCausalLM\n\n\ndef train(base_model: str = "", batch_size: int = 128, micro_batch_size: int = 4, num_epochs: int = 3, world_size: int = 1, num_nodes: int = 1):\n    gradient_accumulation_steps = batch_size // micro_batch_size\n    model = LlamaForCausalLM.from_pretrained(base_model, torch_dtype=torch.float16, device_map="auto")\n    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, task_type="CAUSAL_LM"))\n    trainer = transformers.Trainer(\n        model=model,\n        train_dataset=train_data,\n        args=transformers.TrainingArguments(\n            per_device_train_batch_size=micro_batch_size,\n            gradient_accumulation_steps=gradient_accumulation_steps,\n            num_train_epochs=num_epochs,\n            learning_rate=3e-4,\n            output_dir="./lora-alpaca",\n        ),\n    )\n    trainer.train()\n\n\nif __name__ == "__main__":\n    fire.Fire(train)\n'
        },
        {
            "finetune.py": 'import fire\nimport torch\nimport transformers\nfrom peft import LoraConfig, get_peft_model\nfrom transformers import LlamaForCausalLM\n\n\ndef train(base_model: str = "", batch_size: int = 128, micro_batch_size: int = 4, num_epochs: int = 3, world_size: int = 1, num_nodes: int = 1):\n    gradient_accumulation_steps = world_size // num_nodes\n    model = LlamaForCausalLM.from_pretrained(base_model, torch_dtype=torch.float16, device_map="auto")\n    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, task_type="CAUSAL_LM"))\n    trainer = transformers.Trainer(\n        model=model,\n        train_dataset=train_data,\n        args=transformers.TrainingArguments(\n            per_device_train_batch_size=micro_batch_size,\n            gradient_accumulation_steps=gradient_accumulation_steps,\n            num_train_epochs=num_epochs,\n            learning_rate=3e-4,\n            output_dir="./lora-alpaca",\n        ),\n    )\n    trainer.train()\n\n\nif __name__ == "__main__":\n    fire.Fire(train)\n'
        },
        expect="gradient_accumulation_steps=batch_size // micro_batch_size",
        name="accumulation-computed-from-batch-and-micro-batch",
    ),
    RuleCase(
        "GT506",
        {
            "slurm/smoke.slurm": "#!/bin/bash\n#SBATCH --job-name=smoke\n#SBATCH --nodes=1\n#SBATCH --gres=gpu:8\n#SBATCH --begin=now+6hours   # start\n\nsrun torchrun --nproc_per_node=8 run_train.py --config-file examples/config_tiny_llama.yaml\n"
        },
        {
            "slurm/smoke.slurm": "#!/bin/bash\n#SBATCH --job-name=smoke\n#SBATCH --nodes=1\n#SBATCH --gres=gpu:8\n#SBATCH --begin=now+0minutes   # start\n\nsrun torchrun --nproc_per_node=8 run_train.py --config-file examples/config_tiny_llama.yaml\n"
        },
        expect="--begin=now+6hours",
        name="a-start-deferred-from-now",
        extra_negatives=({"launch.sh": "sbatch --begin=now+0minutes slurm/train.slurm\n"},),
    ),
    RuleCase(
        "GT311",
        {
            "docs/fine_tune_README-en.md": "# Fine-tuning\n\n```\naccelerate launch --num_cpu_threads_per_process 1 fine_tune.py\n    --pretrained_model_name_or_path=<.ckpt or .safetensors or Diffusers model directory>\n    --output_dir=<output folder for trained model>\n    --learning_rate=5e-6 --max_train_steps=10000\n```\n",
            "fine_tune.py": 'import torch\nimport library.train_util as train_util\n\n\ndef train(args):\n    text_encoder, vae, unet, _ = train_util.load_target_model(args, weight_dtype, accelerator)\n    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)\n    global_step = 0\n    for epoch in range(num_train_epochs):\n        for step, batch in enumerate(train_dataloader):\n            loss = torch.nn.functional.mse_loss(unet(batch["latents"]), batch["target"])\n            accelerator.backward(loss)\n            optimizer.step()\n            global_step += 1\n\n',
        },
        {
            "docs/fine_tune_README-en.md": "# Fine-tuning\n\n```\naccelerate launch --num_cpu_threads_per_process 1 fine_tune.py\n    --output_dir=<output folder for trained model>\n    --learning_rate=5e-6 --max_train_steps=10000\n```\n",
            "fine_tune.py": 'import torch\nimport library.train_util as train_util\n\n\ndef train(args):\n    text_encoder, vae, unet, _ = train_util.load_target_model(args, weight_dtype, accelerator)\n    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)\n    global_step = 0\n    for epoch in range(num_train_epochs):\n        for step, batch in enumerate(train_dataloader):\n            loss = torch.nn.functional.mse_loss(unet(batch["latents"]), batch["target"])\n            accelerator.backward(loss)\n            optimizer.step()\n            global_step += 1\n\n',
        },
        expect="--pretrained_model_name_or_path=<...> (a placeholder)",
        name="a-readme-placeholder-for-the-pretrained-model",
        extra_negatives=(
            {
                "scripts/train.sh": "accelerate launch fine_tune.py --pretrained_model_name_or_path= --max_train_steps=10000\n",
                "fine_tune.py": 'import torch\nimport library.train_util as train_util\n\n\ndef train(args):\n    text_encoder, vae, unet, _ = train_util.load_target_model(args, weight_dtype, accelerator)\n    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)\n    global_step = 0\n    for epoch in range(num_train_epochs):\n        for step, batch in enumerate(train_dataloader):\n            loss = torch.nn.functional.mse_loss(unet(batch["latents"]), batch["target"])\n            accelerator.backward(loss)\n            optimizer.step()\n            global_step += 1\n\n',
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "fine_tune.py": 'import torch\nimport library.train_util as train_util\n\n\ndef train(args):\n    text_encoder, vae, unet, _ = train_util.load_target_model(args, weight_dtype, accelerator)\n    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)\n    global_step = 0\n    for epoch in range(num_train_epochs):\n        for step, batch in enumerate(train_dataloader):\n            loss = torch.nn.functional.mse_loss(unet(batch["latents"]), batch["target"])\n            accelerator.backward(loss)\n            optimizer.step()\n            global_step += 1\n            if args.save_every_n_steps is not None and global_step % args.save_every_n_steps == 0:\n                train_util.save_sd_model_on_epoch_end_or_stepwise(args, False, accelerator, src_path, epoch, global_step, unet)\n'
        },
        {
            "fine_tune.py": 'import torch\nimport library.train_util as train_util\n\n\ndef train(args):\n    text_encoder, vae, unet, _ = train_util.load_target_model(args, weight_dtype, accelerator)\n    optimizer = torch.optim.AdamW(unet.parameters(), lr=args.learning_rate)\n    global_step = 0\n    for epoch in range(num_train_epochs):\n        for step, batch in enumerate(train_dataloader):\n            loss = torch.nn.functional.mse_loss(unet(batch["latents"]), batch["target"])\n            accelerator.backward(loss)\n            optimizer.step()\n            global_step += 1\n    train_util.save_sd_model_on_epoch_end_or_stepwise(args, True, accelerator, src_path, epoch, global_step, unet)\n'
        },
        expect="save_sd_model_on_epoch_end_or_stepwise() every N steps",
        name="the-projects-own-model-save-every-n-steps",
    ),
    RuleCase(
        "GT305",
        {
            "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(verbosity=2, population_size=40)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n"
        },
        {
            "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(population_size=40)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n"
        },
        expect="100 generations × 40 individuals",
        name="tpot-0x-default-generations",
        extra_negatives=(
            {
                "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(verbosity=2, population_size=40, max_time_mins=5)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n"
            },
            {
                "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(population_size=40)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n",
                "requirements.txt": "tpot>=1.0\n",
            },
        ),
    ),
    RuleCase(
        "GT305",
        {
            "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(population_size=40)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n",
            "requirements.txt": "tpot==0.12.2\nscikit-learn\n",
        },
        {
            "tutorials/digits.py": "from tpot import TPOTClassifier\nfrom sklearn.datasets import load_digits\nfrom sklearn.model_selection import train_test_split\n\ndigits = load_digits()\nX_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, train_size=0.75, test_size=0.25)\ntpot = TPOTClassifier(population_size=40)\ntpot.fit(X_train, y_train)\nprint(tpot.score(X_test, y_test))\n",
            "requirements.txt": "tpot==1.0.0\nscikit-learn\n",
        },
        expect="100 generations × 40 individuals",
        name="tpot-pinned-below-1",
    ),
    RuleCase(
        "GT402",
        {
            "tools/slurm_train.sh": '#!/usr/bin/env bash\nset -x\nPARTITION=$1\nJOB_NAME=$2\nCONFIG=$3\nGPUS=${GPUS:-8}\nGPUS_PER_NODE=${GPUS_PER_NODE:-8}\nsrun -p ${PARTITION} \\\n    --job-name=${JOB_NAME} \\\n    --gres=gpu:${GPUS_PER_NODE} \\\n    --ntasks=${GPUS} \\\n    --ntasks-per-node=${GPUS_PER_NODE} \\\n    --kill-on-bad-exit=1 \\\n    python -u tools/train.py ${CONFIG} --launcher="slurm"\n',
            "tools/train.py": 'import argparse\n\nimport torch\nfrom mmcv import Config\nfrom mmseg.apis import train_segmentor\nfrom mmseg.models import build_segmentor\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("config")\n    parser.add_argument("--launcher", default="none")\n    args = parser.parse_args()\n    cfg = Config.fromfile(args.config)\n    model = build_segmentor(cfg.model, train_cfg=cfg.get("train_cfg"), test_cfg=cfg.get("test_cfg"))\n    train_segmentor(model, datasets, cfg, distributed=True, validate=True)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        {
            "tools/slurm_train.sh": '#!/usr/bin/env bash\nset -x\nPARTITION=$1\nJOB_NAME=$2\nCONFIG=$3\nGPUS=${GPUS:-8}\nGPUS_PER_NODE=${GPUS_PER_NODE:-8}\nsrun -p ${PARTITION} \\\n    --job-name=${JOB_NAME} \\\n    --gres=none \\\n    --ntasks=${GPUS} \\\n    --ntasks-per-node=${GPUS_PER_NODE} \\\n    --kill-on-bad-exit=1 \\\n    python -u tools/train.py ${CONFIG} --launcher="slurm"\n',
            "tools/train.py": 'import argparse\n\nimport torch\nfrom mmcv import Config\nfrom mmseg.apis import train_segmentor\nfrom mmseg.models import build_segmentor\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("config")\n    parser.add_argument("--launcher", default="none")\n    args = parser.parse_args()\n    cfg = Config.fromfile(args.config)\n    model = build_segmentor(cfg.model, train_cfg=cfg.get("train_cfg"), test_cfg=cfg.get("test_cfg"))\n    train_segmentor(model, datasets, cfg, distributed=True, validate=True)\n\n\nif __name__ == "__main__":\n    main()\n',
        },
        expect="trains on a GPU (srun --gres=gpu:8)",
        name="gpus-requested-on-an-srun-line",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'from stable_baselines3 import PPO\nfrom stable_baselines3.common.callbacks import CheckpointCallback, EvalCallback\nfrom rl_zoo3.callbacks import SaveVecNormalizeCallback\n\nmodel = PPO("MlpPolicy", "HalfCheetah-v4", verbose=1)\nsave_vec_normalize = CheckpointCallback(save_freq=1, save_path=\'logs/\')\neval_callback = EvalCallback(eval_env, callback_on_new_best=save_vec_normalize, eval_freq=10000)\nmodel.learn(total_timesteps=1_000_000, callback=[eval_callback])\n'
        },
        {
            "train.py": 'from stable_baselines3 import PPO\nfrom stable_baselines3.common.callbacks import CheckpointCallback, EvalCallback\nfrom rl_zoo3.callbacks import SaveVecNormalizeCallback\n\nmodel = PPO("MlpPolicy", "HalfCheetah-v4", verbose=1)\nsave_vec_normalize = SaveVecNormalizeCallback(save_freq=1, save_path=\'logs/\')\neval_callback = EvalCallback(eval_env, callback_on_new_best=save_vec_normalize, eval_freq=10000)\nmodel.learn(total_timesteps=1_000_000, callback=[eval_callback])\n'
        },
        expect="CheckpointCallback",
        name="vecnormalize-statistics-are-no-checkpoint",
    ),
    RuleCase(
        "GT509",
        {
            "train.py": 'import math\nfrom functools import partial\n\nimport torch\nfrom model import Transformer, ModelArgs\nfrom tinystories import Task\n\nbatch_size = 128\nmax_seq_len = 256\ndevice = "cuda"\niter_batches = partial(\n    Task.iter_batches,\n    batch_size=batch_size,\n    max_seq_len=max_seq_len,\n    device=device,\n    num_workers=0,\n)\nmodel = Transformer(ModelArgs())\nmodel.to(device)\noptimizer = model.configure_optimizers(0.1, 5e-4, (0.9, 0.95), device)\ntrain_batch_iter = iter_batches(split="train")\nX, Y = next(train_batch_iter)\nfor iter_num in range(100000):\n    logits = model(X, Y)\n    loss = model.last_loss\n    X, Y = next(train_batch_iter)\n    loss.backward()\n    optimizer.step()\n',
            "tinystories.py": "import torch\n\n\nclass Task:\n    @staticmethod\n    def iter_batches(batch_size, device, num_workers=0, **dataset_kwargs):\n        ds = PretokDataset(**dataset_kwargs)\n        dl = torch.utils.data.DataLoader(ds, batch_size=batch_size, pin_memory=True, num_workers=num_workers)\n        for x, y in dl:\n            yield x.to(device, non_blocking=True), y.to(device, non_blocking=True)\n",
        },
        {
            "train.py": 'import math\nfrom functools import partial\n\nimport torch\nfrom model import Transformer, ModelArgs\nfrom tinystories import Task\n\nbatch_size = 128\nmax_seq_len = 256\ndevice = "cuda"\niter_batches = partial(\n    Task.iter_batches,\n    batch_size=batch_size,\n    max_seq_len=max_seq_len,\n    device=device,\n    num_workers=4,\n)\nmodel = Transformer(ModelArgs())\nmodel.to(device)\noptimizer = model.configure_optimizers(0.1, 5e-4, (0.9, 0.95), device)\ntrain_batch_iter = iter_batches(split="train")\nX, Y = next(train_batch_iter)\nfor iter_num in range(100000):\n    logits = model(X, Y)\n    loss = model.last_loss\n    X, Y = next(train_batch_iter)\n    loss.backward()\n    optimizer.step()\n',
            "tinystories.py": "import torch\n\n\nclass Task:\n    @staticmethod\n    def iter_batches(batch_size, device, num_workers=0, **dataset_kwargs):\n        ds = PretokDataset(**dataset_kwargs)\n        dl = torch.utils.data.DataLoader(ds, batch_size=batch_size, pin_memory=True, num_workers=num_workers)\n        for x, y in dl:\n            yield x.to(device, non_blocking=True), y.to(device, non_blocking=True)\n",
        },
        expect="num_workers=0 passed to iter_batches()",
        name="zero-workers-handed-to-the-projects-loader-function",
    ),
    RuleCase(
        "GT404",
        {
            "main_train_psnr.py": 'import argparse\nimport logging\n\nimport torch\nfrom torch.utils.data import DataLoader\n\nfrom models.select_model import define_Model\nfrom utils import utils_option as option\n\n\ndef main(json_path="options/train_msrresnet_psnr.json"):\n    opt = option.parse(json_path, is_train=True)\n    logger = logging.getLogger("train")\n    model = define_Model(opt)\n    model.init_train()\n    current_step = 0\n    for epoch in range(1000000):\n        for i, train_data in enumerate(train_loader):\n            current_step += 1\n            model.update_learning_rate(current_step)\n            model.feed_data(train_data)\n            model.optimize_parameters(current_step)\n            if current_step % opt["train"]["checkpoint_save"] == 0 and opt["rank"] == 0:\n                logger.info("Saving the model.")\n                model.save(current_step)\n\n\nif __name__ == "__main__":\n    main()\n',
            "models/model_plain.py": 'import torch\nfrom torch.optim import Adam\n\n\nclass ModelPlain:\n    def optimize_parameters(self, current_step):\n        self.G_optimizer.zero_grad()\n        self.E = self.netG(self.L)\n        G_loss = self.G_lossfn(self.E, self.H)\n        G_loss.backward()\n        self.G_optimizer.step()\n\n    def save(self, iter_label):\n        self.save_network(self.save_dir, self.netG, "G", iter_label)\n',
        },
        {
            "main_train_psnr.py": 'import argparse\nimport logging\n\nimport torch\nfrom torch.utils.data import DataLoader\n\nfrom models.select_model import define_Model\nfrom utils import utils_option as option\n\n\ndef main(json_path="options/train_msrresnet_psnr.json"):\n    opt = option.parse(json_path, is_train=True)\n    logger = logging.getLogger("train")\n    model = define_Model(opt)\n    model.init_train()\n    current_step = 0\n    for epoch in range(1000000):\n        for i, train_data in enumerate(train_loader):\n            pass\n        for i, train_data in enumerate(train_loader):\n            current_step += 1\n            model.update_learning_rate(current_step)\n            model.feed_data(train_data)\n            model.optimize_parameters(current_step)\n            if opt["rank"] == 0 and opt["save_last"] is None:\n                logger.info("Saving the model.")\n                model.save(current_step)\n\n\nif __name__ == "__main__":\n    main()\n',
            "models/model_plain.py": 'import torch\nfrom torch.optim import Adam\n\n\nclass ModelPlain:\n    def optimize_parameters(self, current_step):\n        self.G_optimizer.zero_grad()\n        self.E = self.netG(self.L)\n        G_loss = self.G_lossfn(self.E, self.H)\n        G_loss.backward()\n        self.G_optimizer.step()\n\n    def save(self, iter_label):\n        self.save_network(self.save_dir, self.netG, "G", iter_label)\n',
        },
        expect="model.save() every N steps",
        name="a-save-every-n-steps-read-from-a-nested-option",
    ),
    RuleCase(
        "GT402",
        {
            "pretrain/tinyllama.py": 'import lightning as L\nimport torch\nfrom lightning.fabric.strategies import FSDPStrategy\n\nfrom lit_gpt.model import GPT, Block, Config\n\n\ndef setup(devices: int = 8, precision: str = "32-true") -> None:\n    strategy = FSDPStrategy(auto_wrap_policy={Block}, state_dict_type="full", sharding_strategy="HYBRID_SHARD")\n    fabric = L.Fabric(devices=devices, strategy=strategy)\n    fabric.launch(main)\n\n\ndef main(fabric):\n    model = fabric.setup(GPT(Config.from_name("tiny_LLaMA_1b")))\n    optimizer = fabric.setup_optimizers(torch.optim.AdamW(model.parameters(), lr=4e-4))\n    for train_data in train_dataloader:\n        loss = torch.nn.functional.cross_entropy(model(train_data[:, :-1]), train_data[:, 1:])\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        {
            "pretrain/tinyllama.py": 'import lightning as L\nimport torch\nfrom lightning.fabric.strategies import FSDPStrategy\n\nfrom lit_gpt.model import GPT, Block, Config\n\n\ndef setup(devices: int = 8, precision: str = "32-true") -> None:\n    strategy = FSDPStrategy(auto_wrap_policy={Block}, state_dict_type="full", sharding_strategy="HYBRID_SHARD")\n    fabric = L.Fabric(devices=devices, strategy=strategy, precision=precision)\n    fabric.launch(main)\n\n\ndef main(fabric):\n    model = fabric.setup(GPT(Config.from_name("tiny_LLaMA_1b")))\n    optimizer = fabric.setup_optimizers(torch.optim.AdamW(model.parameters(), lr=4e-4))\n    for train_data in train_dataloader:\n        loss = torch.nn.functional.cross_entropy(model(train_data[:, :-1]), train_data[:, 1:])\n        fabric.backward(loss)\n        optimizer.step()\n'
        },
        expect="trains on a GPU (FSDPStrategy)",
        name="fabric-sharded-over-gpus-in-float32",
        extra_negatives=(
            {
                "pretrain/tinyllama.py": 'import lightning as L\nimport torch\n\nfrom lit_gpt.model import GPT, Block, Config\n\n\ndef setup(devices: int = 8, precision: str = "32-true") -> None:\n    strategy = "auto"\n    fabric = L.Fabric(devices=devices, strategy=strategy)\n    fabric.launch(main)\n\n\ndef main(fabric):\n    model = fabric.setup(GPT(Config.from_name("tiny_LLaMA_1b")))\n    optimizer = fabric.setup_optimizers(torch.optim.AdamW(model.parameters(), lr=4e-4))\n    for train_data in train_dataloader:\n        loss = torch.nn.functional.cross_entropy(model(train_data[:, :-1]), train_data[:, 1:])\n        fabric.backward(loss)\n        optimizer.step()\n'
            },
        ),
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import torch\nimport torch.nn as nn\nfrom sklearn import metrics\n\nimport engine\n\ndevice = "cuda"\nepochs = 10\nmodel = nn.Linear(64, 1).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=5e-4)\nbest_auc = 0\nfor epoch in range(epochs):\n    for data, targets in train_loader:\n        loss = nn.BCEWithLogitsLoss()(model(data.to(device)), targets.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    roc_auc = metrics.roc_auc_score(valid_targets, model(valid_data).detach().cpu())\n    if roc_auc > best_auc:\n        best_auc = roc_auc\n        torch.save(model.state_dict(), "model.bin")\n'
        },
        {
            "train.py": 'import torch\nimport torch.nn as nn\nfrom sklearn import metrics\n\nimport engine\n\ndevice = "cuda"\nepochs = 10\nmodel = nn.Linear(64, 1).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=5e-4)\nbest_auc = 0\nfor epoch in range(epochs):\n    for data, targets in train_loader:\n        loss = nn.BCEWithLogitsLoss()(model(data.to(device)), targets.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    roc_auc = metrics.roc_auc_score(valid_targets, model(valid_data).detach().cpu())\n    if epoch == epochs - 1 and best_auc:\n        best_auc = roc_auc\n        torch.save(model.state_dict(), "model.bin")\n'
        },
        expect="torch.save() inside the training loop",
        name="a-save-when-the-score-beats-the-best-so-far",
    ),
    RuleCase(
        "GT105",
        {
            "text_classification.py": 'import keras\nfrom keras import layers\n\nmax_features = 20000\nvectorize_layer = keras.layers.TextVectorization(\n    max_tokens=max_features,\n    output_mode="int",\n    output_sequence_length=500,\n)\nvectorize_layer.adapt(text_ds)\nmodel = keras.Sequential([vectorize_layer, layers.Embedding(max_features, 128), layers.GlobalMaxPooling1D(), layers.Dense(1)])\nmodel.compile(loss="binary_crossentropy", optimizer="adam")\nmodel.fit(train_ds, validation_data=val_ds, epochs=3)\n'
        },
        {
            "text_classification.py": 'import keras\nfrom keras import layers\n\nmax_features = 20000\nvectorize_layer = keras.layers.TextVectorization(\n    \n    output_mode="int",\n    output_sequence_length=500,\n)\nvectorize_layer.adapt(text_ds)\nmodel = keras.Sequential([vectorize_layer, layers.Embedding(max_features, 128), layers.GlobalMaxPooling1D(), layers.Dense(1)])\nmodel.compile(loss="binary_crossentropy", optimizer="adam")\nmodel.fit(train_ds, validation_data=val_ds, epochs=3)\n'
        },
        expect="TextVectorization(max_tokens=20000)",
        name="keras-text-vectorization-with-a-vocabulary-cap",
    ),
    RuleCase(
        "GT301",
        {
            "rf_gp_minimize.py": 'from functools import partial\n\nimport numpy as np\nfrom skopt import gp_minimize, space\nfrom sklearn import ensemble, model_selection\n\n\ndef optimize(params, param_names, x, y):\n    model = ensemble.RandomForestClassifier(**dict(zip(param_names, params)))\n    return -np.mean(model_selection.cross_val_score(model, x, y, cv=5))\n\n\nparam_space = [space.Integer(3, 15, name="max_depth"), space.Integer(100, 1500, name="n_estimators")]\noptimization_function = partial(optimize, param_names=["max_depth", "n_estimators"], x=X, y=y)\nresult = gp_minimize(optimization_function, dimensions=param_space, n_calls=15, n_random_starts=10, verbose=10)\n'
        },
        {
            "rf_gp_minimize.py": 'from functools import partial\n\nimport numpy as np\nfrom skopt import gp_minimize, space\nfrom sklearn import ensemble, model_selection\n\n\ndef optimize(params, param_names, x, y):\n    model = ensemble.RandomForestClassifier(**dict(zip(param_names, params)))\n    return -np.mean(model_selection.cross_val_score(model, x, y, cv=5))\n\n\nparam_space = [space.Integer(3, 15, name="max_depth"), space.Integer(100, 1500, name="n_estimators")]\noptimization_function = partial(optimize, param_names=["max_depth", "n_estimators"], x=X, y=y)\nresult = optimize_all(optimization_function, dimensions=param_space, n_calls=15, n_random_starts=10, verbose=10)\n'
        },
        expect="skopt gp_minimize(n_calls=15)",
        name="scikit-optimize-n-calls",
    ),
    RuleCase(
        "GT310",
        {
            "finetune.py": "import torch\nfrom torchao.sparsity.prototype.superblock.utils import simulate_sparsity\n\n\ndef setup(model, args):\n    simulate_sparsity(model, args)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)\n    for batch in loader:\n        loss = model(batch).loss\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "finetune.py": "import torch\nfrom torchao.sparsity.prototype.superblock.utils import get_args_parser\n\n\ndef setup(model, args):\n    args = get_args_parser().parse_args()\n    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)\n    for batch in loader:\n        loss = model(batch).loss\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="simulate_sparsity",
        name="torchao-sparsity",
    ),
    RuleCase(
        "GT401",
        {
            "mnist_cnn.py": 'import tensorflow as tf\nfrom tensorflow_model_optimization.python.core.quantization.keras import quantize\n\nl = tf.keras.layers\nmodel = tf.keras.Sequential([\n    quantize.quantize_annotate_layer(l.Conv2D(32, 5, padding="same", activation="relu", input_shape=(28, 28, 1))),\n    l.Flatten(),\n    quantize.quantize_annotate_layer(l.Dense(10, activation="softmax")),\n])\nmodel = quantize.quantize_apply(model)\nmodel.compile(loss=tf.keras.losses.categorical_crossentropy, optimizer=tf.keras.optimizers.Adadelta(), metrics=["accuracy"])\nmodel.fit(x_train, y_train, batch_size=128, epochs=12, verbose=1, validation_data=(x_test, y_test))\n'
        },
        {
            "mnist_cnn.py": 'import tensorflow as tf\nfrom tensorflow_model_optimization.python.core.quantization.keras import quantize\n\nl = tf.keras.layers\nmodel = tf.keras.Sequential([\n    quantize.quantize_annotate_layer(l.Conv2D(32, 5, padding="same", activation="relu", input_shape=(28, 28, 1))),\n    l.Flatten(),\n    quantize.quantize_annotate_layer(l.Dense(10, activation="softmax")),\n])\nmodel = model\nmodel.compile(loss=tf.keras.losses.categorical_crossentropy, optimizer=tf.keras.optimizers.Adadelta(), metrics=["accuracy"])\nmodel.fit(x_train, y_train, batch_size=128, epochs=12, verbose=1, validation_data=(x_test, y_test))\n'
        },
        expect="quantize_apply",
        name="tfmot-annotate-then-apply-quantization",
    ),
    RuleCase(
        "GT308",
        {
            "mnist_cnn.py": 'import tensorflow as tf\n\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax", input_shape=(784,))])\nmodel.compile(loss="categorical_crossentropy", optimizer="adam")\nmodel.fit(x_train, y_train, epochs=12)\nmodel.save("mnist.h5")\nconverter = tf.lite.TFLiteConverter.from_keras_model_file("mnist.h5")\nconverter.inference_type = tf.lite.constants.QUANTIZED_UINT8\ntflite_model = converter.convert()\n'
        },
        {
            "mnist_cnn.py": 'import tensorflow as tf\n\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax", input_shape=(784,))])\nmodel.compile(loss="categorical_crossentropy", optimizer="adam")\nmodel.fit(x_train, y_train, epochs=12)\nmodel.save("mnist.h5")\nconverter = tf.lite.TFLiteConverter.experimental_from_nothing("mnist.h5")\nconverter.inference_type = tf.lite.constants.QUANTIZED_UINT8\ntflite_model = converter.convert()\n'
        },
        expect="from_keras_model_file",
        name="tf1-tflite-conversion-of-a-keras-file",
    ),
    RuleCase(
        "GT505",
        {
            "finetune/finetune_ds.sh": '#!/bin/bash\nexport CUDA_DEVICE_MAX_CONNECTIONS=1\nGPUS_PER_NODE=8\nNNODES=1\nNODE_RANK=0\nMASTER_ADDR=localhost\nMASTER_PORT=6001\nMODEL="Qwen/Qwen-7B"\n\nDISTRIBUTED_ARGS="\n    --nproc_per_node $GPUS_PER_NODE \\\n    --nnodes $NNODES \\\n    --node_rank $NODE_RANK \\\n    --master_addr $MASTER_ADDR \\\n    --master_port $MASTER_PORT\n"\n\ntorchrun $DISTRIBUTED_ARGS finetune.py \\\n    --model_name_or_path $MODEL \\\n    --bf16 True \\\n    --num_train_epochs 5\n',
            "finetune.py": 'import transformers\nfrom transformers import Trainer\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("Qwen/Qwen-7B")\n    Trainer(model=model, args=training_args).train()\n\n\nif __name__ == "__main__":\n    train()\n',
        },
        {
            "finetune/finetune_ds.sh": '#!/bin/bash\nexport CUDA_DEVICE_MAX_CONNECTIONS=1\nGPUS_PER_NODE=1\nNNODES=1\nNODE_RANK=0\nMASTER_ADDR=localhost\nMASTER_PORT=6001\nMODEL="Qwen/Qwen-7B"\n\nDISTRIBUTED_ARGS="\n    --nproc_per_node $GPUS_PER_NODE \\\n    --nnodes $NNODES \\\n    --node_rank $NODE_RANK \\\n    --master_addr $MASTER_ADDR \\\n    --master_port $MASTER_PORT\n"\n\ntorchrun $DISTRIBUTED_ARGS finetune.py \\\n    --model_name_or_path $MODEL \\\n    --bf16 True \\\n    --num_train_epochs 5\n',
            "finetune.py": 'import transformers\nfrom transformers import Trainer\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("Qwen/Qwen-7B")\n    Trainer(model=model, args=training_args).train()\n\n\nif __name__ == "__main__":\n    train()\n',
        },
        expect="jobs request 8 GPUs",
        name="torchrun-arguments-kept-in-a-variable",
    ),
    RuleCase(
        "GT402",
        {
            "slowfast/config/defaults.py": "from fvcore.common.config import CfgNode\n\n_C = CfgNode()\n_C.TRAIN = CfgNode()\n_C.TRAIN.ENABLE = True\n_C.TRAIN.BATCH_SIZE = 64\n_C.TRAIN.MIXED_PRECISION = False\n_C.SOLVER = CfgNode()\n_C.SOLVER.MAX_EPOCH = 196\n\n\ndef get_cfg():\n    return _C.clone()\n",
            "tools/train_net.py": "import torch\n\nfrom slowfast.config.defaults import get_cfg\n\n\ndef train_epoch(train_loader, model, optimizer, scaler, cfg):\n    model.train()\n    for cur_iter, (inputs, labels) in enumerate(train_loader):\n        inputs = [x.cuda(non_blocking=True) for x in inputs]\n        labels = labels.cuda()\n        with torch.cuda.amp.autocast(enabled=cfg.TRAIN.MIXED_PRECISION):\n            preds = model(inputs)\n            loss = torch.nn.functional.cross_entropy(preds, labels)\n        optimizer.zero_grad()\n        scaler.scale(loss).backward()\n        scaler.step(optimizer)\n        scaler.update()\n\n\ndef train(cfg):\n    scaler = torch.cuda.amp.GradScaler(enabled=cfg.TRAIN.MIXED_PRECISION)\n    for cur_epoch in range(cfg.SOLVER.MAX_EPOCH):\n        train_epoch(train_loader, model, optimizer, scaler, cfg)\n",
        },
        {
            "slowfast/config/defaults.py": "from fvcore.common.config import CfgNode\n\n_C = CfgNode()\n_C.TRAIN = CfgNode()\n_C.TRAIN.ENABLE = True\n_C.TRAIN.BATCH_SIZE = 64\n_C.TRAIN.MIXED_PRECISION = True\n_C.SOLVER = CfgNode()\n_C.SOLVER.MAX_EPOCH = 196\n\n\ndef get_cfg():\n    return _C.clone()\n",
            "tools/train_net.py": "import torch\n\nfrom slowfast.config.defaults import get_cfg\n\n\ndef train_epoch(train_loader, model, optimizer, scaler, cfg):\n    model.train()\n    for cur_iter, (inputs, labels) in enumerate(train_loader):\n        inputs = [x.cuda(non_blocking=True) for x in inputs]\n        labels = labels.cuda()\n        with torch.cuda.amp.autocast(enabled=cfg.TRAIN.MIXED_PRECISION):\n            preds = model(inputs)\n            loss = torch.nn.functional.cross_entropy(preds, labels)\n        optimizer.zero_grad()\n        scaler.scale(loss).backward()\n        scaler.step(optimizer)\n        scaler.update()\n\n\ndef train(cfg):\n    scaler = torch.cuda.amp.GradScaler(enabled=cfg.TRAIN.MIXED_PRECISION)\n    for cur_epoch in range(cfg.SOLVER.MAX_EPOCH):\n        train_epoch(train_loader, model, optimizer, scaler, cfg)\n",
        },
        expect="_C.TRAIN.MIXED_PRECISION: False",
        name="autocast-switched-by-a-yacs-default-that-is-off",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import numpy as np\nimport torch\nfrom PIL import Image\n\nfrom taming.models.vqgan import VQModel\n\nmodel = VQModel(ddconfig=ddconfig, lossconfig=lossconfig, n_embed=1024, embed_dim=256, ckpt_path="pretrained/vqgan.ckpt").cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=4.5e-6)\nfor epoch in range(100):\n    for batch in loader:\n        xrec, qloss = model(batch.cuda())\n        loss = (batch.cuda() - xrec).abs().mean() + qloss\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    grid = (xrec[0].permute(1, 2, 0).detach().cpu().numpy() * 255).astype(np.uint8)\n    torch.save(model.state_dict(), f"checkpoints/epoch_{epoch}.pt")\n'
        },
        {
            "train.py": 'import numpy as np\nimport torch\nfrom PIL import Image\n\nfrom taming.models.vqgan import VQModel\n\nmodel = VQModel(ddconfig=ddconfig, lossconfig=lossconfig, n_embed=1024, embed_dim=256, ckpt_path="pretrained/vqgan.ckpt").cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=4.5e-6)\nfor epoch in range(100):\n    for batch in loader:\n        xrec, qloss = model(batch.cuda())\n        loss = (batch.cuda() - xrec).abs().mean() + qloss\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    grid = (xrec[0].permute(1, 2, 0).detach().cpu().numpy() * 255).astype(np.uint8)\n    Image.fromarray(grid).save(f"samples/epoch_{epoch}.png")\n'
        },
        expect="torch.save() inside the training loop",
        name="a-sample-image-saved-each-epoch-and-weights-loaded-by-ckpt-path",
    ),
    RuleCase(
        "GT311",
        {
            "configs/Kinetics/C2D_8x8_R50_IN1K.yaml": "TRAIN:\n  ENABLE: True\n  DATASET: kinetics\n  BATCH_SIZE: 64\n  EVAL_PERIOD: 10\n  CHECKPOINT_PERIOD: 1\n  AUTO_RESUME: True\n  CHECKPOINT_FILE_PATH: /checkpoints/imagenet50_pretrain.pyth\n  CHECKPOINT_INFLATE: True\nMODEL:\n  NUM_CLASSES: 400\n  ARCH: c2d\n  MODEL_NAME: ResNet\n"
        },
        {
            "configs/Kinetics/C2D_8x8_R50_IN1K.yaml": "TRAIN:\n  ENABLE: True\n  DATASET: kinetics\n  BATCH_SIZE: 64\n  EVAL_PERIOD: 10\n  CHECKPOINT_PERIOD: 1\n  AUTO_RESUME: True\n  CHECKPOINT_FILE_PATH: /checkpoints/run_42/checkpoint_epoch_00010.pyth\n  CHECKPOINT_INFLATE: False\nMODEL:\n  NUM_CLASSES: 400\n  ARCH: c2d\n  MODEL_NAME: ResNet\n"
        },
        expect="TRAIN.CHECKPOINT_FILE_PATH: /checkpoints/imagenet50_pretrain.pyth",
        name="slowfast-imagenet-weights-inflated",
    ),
    RuleCase(
        "GT101",
        {
            "train_configs/minigpt4_stage1_pretrain.yaml": "model:\n  arch: mini_gpt4\n  freeze_vit: True\n  freeze_qformer: True\ndatasets:\n  laion:\n    batch_size: 64\n    sample_ratio: 0.1\n  cc_sbu:\n    batch_size: 64\n    sample_ratio: 0.5\nrun:\n  task: image_text_pretrain\n  max_epoch: 4\n  iters_per_epoch: 5000\n  amp: True\n",
            "train.py": 'import torch\nfrom minigpt4.common.config import Config\nfrom minigpt4.runners.runner_base import RunnerBase\n\n\ndef main():\n    cfg = Config(parse_args())\n    task = tasks.setup_task(cfg)\n    model = task.build_model(cfg)\n    runner = RunnerBase(cfg=cfg, job_id=job_id, task=task, model=model, datasets=datasets)\n    runner.train()\n\n\nclass RunnerBase:\n    def train_epoch(self, epoch):\n        for samples in self.train_loader:\n            loss = self.model(samples)["loss"]\n            loss.backward()\n            self.optimizer.step()\n',
        },
        {
            "train_configs/minigpt4_stage1_pretrain.yaml": "model:\n  arch: mini_gpt4\n  freeze_vit: True\n  freeze_qformer: True\ndatasets:\n  laion:\n    batch_size: 64\n    sample_ratio: 115\n  cc_sbu:\n    batch_size: 64\n    sample_ratio: 14\nrun:\n  task: image_text_pretrain\n  max_epoch: 4\n  iters_per_epoch: 5000\n  amp: True\n",
            "train.py": 'import torch\nfrom minigpt4.common.config import Config\nfrom minigpt4.runners.runner_base import RunnerBase\n\n\ndef main():\n    cfg = Config(parse_args())\n    task = tasks.setup_task(cfg)\n    model = task.build_model(cfg)\n    runner = RunnerBase(cfg=cfg, job_id=job_id, task=task, model=model, datasets=datasets)\n    runner.train()\n\n\nclass RunnerBase:\n    def train_epoch(self, epoch):\n        for samples in self.train_loader:\n            loss = self.model(samples)["loss"]\n            loss.backward()\n            self.optimizer.step()\n',
        },
        expect="sample_ratio=0.1",
        name="mixture-weights-are-no-sample",
    ),
    RuleCase(
        "GT509",
        {
            "src/train.py": 'import torch\nfrom torch.utils.data import DataLoader\n\nimport dataset\nimport engine\nfrom model import get_model\n\nif __name__ == "__main__":\n    device = "cuda"\n    epochs = 10\n    train_dataset = dataset.ClassificationDataset(image_paths=train_images, targets=train_targets)\n    train_loader = DataLoader(train_dataset, batch_size=16, shuffle=True, num_workers=0)\n    model = get_model(pretrained=True)\n    model.to(device)\n    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)\n    for epoch in range(epochs):\n        engine.train(train_loader, model, optimizer, device=device)\n',
            "src/engine.py": 'import torch\nimport torch.nn as nn\n\n\ndef train(data_loader, model, optimizer, device):\n    model.train()\n    for data in data_loader:\n        inputs = data["image"].to(device, dtype=torch.float)\n        targets = data["targets"].to(device, dtype=torch.float)\n        optimizer.zero_grad()\n        loss = nn.BCEWithLogitsLoss()(model(inputs), targets.view(-1, 1))\n        loss.backward()\n        optimizer.step()\n',
        },
        {
            "src/train.py": 'import torch\nfrom torch.utils.data import DataLoader\n\nimport dataset\nimport engine\nfrom model import get_model\n\nif __name__ == "__main__":\n    device = "cuda"\n    epochs = 10\n    train_dataset = dataset.ClassificationDataset(image_paths=train_images, targets=train_targets)\n    train_loader = DataLoader(train_dataset, batch_size=16, shuffle=True, num_workers=0)\n    model = get_model(pretrained=True)\n    model.to(device)\n    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)\n    for epoch in range(epochs):\n        dataset.describe(train_loader)\n',
            "src/engine.py": 'import torch\nimport torch.nn as nn\n\n\ndef train(data_loader, model, optimizer, device):\n    model.train()\n    for data in data_loader:\n        inputs = data["image"].to(device, dtype=torch.float)\n        targets = data["targets"].to(device, dtype=torch.float)\n        optimizer.zero_grad()\n        loss = nn.BCEWithLogitsLoss()(model(inputs), targets.view(-1, 1))\n        loss.backward()\n        optimizer.step()\n',
        },
        expect="DataLoader with num_workers=0",
        name="loaders-handed-to-a-training-module-imported-whole",
    ),
    RuleCase(
        "GT509",
        {
            "ch13_part4_ignite.py": 'import torch\nimport torch.nn as nn\nfrom ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer\nfrom ignite.handlers import Checkpoint, DiskSaver\nfrom torch.utils.data import DataLoader\n\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=0.001)\ntrain_loader = DataLoader(mnist_train_dataset, batch_size=64, shuffle=True)\ntrainer = create_supervised_trainer(model, optimizer, nn.CrossEntropyLoss(), device=device)\n\ntrainer.run(train_loader, max_epochs=5)\n'
        },
        {
            "ch13_part4_ignite.py": 'import torch\nimport torch.nn as nn\nfrom ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer\nfrom ignite.handlers import Checkpoint, DiskSaver\nfrom torch.utils.data import DataLoader\n\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=0.001)\ntrain_loader = DataLoader(mnist_train_dataset, batch_size=64, shuffle=True)\ntrainer = create_supervised_evaluator(model, metrics={}, device=device)\n\ntrainer.run(train_loader, max_epochs=5)\n'
        },
        expect="DataLoader with num_workers not set (0)",
        name="an-ignite-supervised-trainer-trains",
    ),
    RuleCase(
        "GT404",
        {
            "ch13_part4_ignite.py": 'import torch\nimport torch.nn as nn\nfrom ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer\nfrom ignite.handlers import Checkpoint, DiskSaver\nfrom torch.utils.data import DataLoader\n\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=0.001)\ntrain_loader = DataLoader(mnist_train_dataset, batch_size=64, shuffle=True)\ntrainer = create_supervised_trainer(model, optimizer, nn.CrossEntropyLoss(), device=device)\nto_save = {"model": model, "optimizer": optimizer, "trainer": trainer}\ntrainer.add_event_handler(Events.EPOCH_COMPLETED, Checkpoint(to_save, DiskSaver("checkpoints", create_dir=True), n_saved=2))\ntrainer.run(train_loader, max_epochs=5)\n'
        },
        {
            "ch13_part4_ignite.py": 'import torch\nimport torch.nn as nn\nfrom ignite.engine import Events, create_supervised_evaluator, create_supervised_trainer\nfrom ignite.handlers import Checkpoint, DiskSaver\nfrom torch.utils.data import DataLoader\n\ndevice = "cuda" if torch.cuda.is_available() else "cpu"\nmodel = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)\noptimizer = torch.optim.Adam(model.parameters(), lr=0.001)\ntrain_loader = DataLoader(mnist_train_dataset, batch_size=64, shuffle=True)\ntrainer = create_supervised_trainer(model, optimizer, nn.CrossEntropyLoss(), device=device)\n\ntrainer.run(train_loader, max_epochs=5)\n'
        },
        expect="ignite.handlers.Checkpoint",
        name="an-ignite-checkpoint-handler",
    ),
    RuleCase(
        "GT313",
        {
            "progressive_shrinking.py": "import torch\nimport torch.nn.functional as F\n\nfrom ofa.utils import cross_entropy_loss_with_soft_target\n\n\ndef train_one_epoch(run_manager, args, epoch):\n    dynamic_net = run_manager.network\n    for i, (images, labels) in enumerate(run_manager.run_config.train_loader):\n        images, labels = images.cuda(), labels.cuda()\n        with torch.no_grad():\n            soft_logits = args.teacher_model(images).detach()\n            soft_label = F.softmax(soft_logits, dim=1)\n        output = dynamic_net(images)\n        loss = run_manager.train_criterion(output, labels)\n        kd_loss = cross_entropy_loss_with_soft_target(output, soft_label)\n        loss = args.kd_ratio * kd_loss + loss\n        loss.backward()\n        run_manager.optimizer.step()\n"
        },
        {
            "progressive_shrinking.py": "import torch\nimport torch.nn.functional as F\n\nfrom ofa.utils import cross_entropy_loss_with_soft_target\n\n\ndef train_one_epoch(run_manager, args, epoch):\n    dynamic_net = run_manager.network\n    for i, (images, labels) in enumerate(run_manager.run_config.train_loader):\n        images, labels = images.cuda(), labels.cuda()\n        soft_label = mixup_targets(labels, num_classes=1000, smoothing=0.1)\n        output = dynamic_net(images)\n        loss = run_manager.train_criterion(output, labels)\n        kd_loss = cross_entropy_loss_with_soft_target(output, soft_label)\n        loss = args.kd_ratio * kd_loss + loss\n        loss.backward()\n        run_manager.optimizer.step()\n"
        },
        expect="cross_entropy_loss_with_soft_target() against a teacher's soft targets",
        name="a-soft-target-loss-against-a-teacher",
    ),
    RuleCase(
        "GT101",
        {
            "bert_classification.py": 'import argparse\n\nimport pandas as pd\nimport torch\nfrom sklearn.datasets import fetch_20newsgroups\n\n\ndef get_20newsgroups(num_samples):\n    X, y = fetch_20newsgroups(subset="train", return_X_y=True)\n    return pd.DataFrame(data=X, columns=["description"]).assign(label=y).sample(n=num_samples)\n\n\ndef train(args):\n    df = get_20newsgroups(args.num_samples)\n    model = torch.nn.Linear(768, 4)\n    optimizer = torch.optim.Adam(model.parameters())\n    for epoch in range(3):\n        loss = model(torch.randn(8, 768)).sum()\n        loss.backward()\n        optimizer.step()\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num_samples", type=int, default=15000, help="Number of input samples")\n    train(parser.parse_args())\n'
        },
        {
            "bert_classification.py": 'import argparse\n\nimport pandas as pd\nimport torch\nfrom sklearn.datasets import fetch_20newsgroups\n\n\ndef get_20newsgroups(num_samples):\n    X, y = fetch_20newsgroups(subset="train", return_X_y=True)\n    return pd.DataFrame(data=X, columns=["description"]).assign(label=y).sample(n=num_samples)\n\n\ndef train(args):\n    df = get_20newsgroups(args.num_samples)\n    model = torch.nn.Linear(768, 4)\n    optimizer = torch.optim.Adam(model.parameters())\n    for epoch in range(3):\n        loss = model(torch.randn(8, 768)).sum()\n        loss.backward()\n        optimizer.step()\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--num_samples", type=int, default=5, help="Number of input samples")\n    train(parser.parse_args())\n'
        },
        expect="sample(n=...) with --num_samples default 15000",
        name="sample-of-an-option-sized-count",
    ),
    RuleCase(
        "GT301",
        {
            "gbm_random_grid.py": 'import h2o\nfrom h2o.estimators.gbm import H2OGradientBoostingEstimator\nfrom h2o.grid.grid_search import H2OGridSearch\n\nh2o.init()\n\n\ndef grid_search():\n    air = h2o.import_file("allyears2k_headers.zip")\n    hyper_parameters = {"learn_rate": [0.01, 0.05, 0.1], "max_depth": [3, 5, 7, 9], "ntrees": [50, 100, 200]}\n    search_crit = {"strategy": "RandomDiscrete", "max_models": 5, "max_runtime_secs": 600, "seed": 1234}\n    air_grid = H2OGridSearch(H2OGradientBoostingEstimator, hyper_params=hyper_parameters, search_criteria=search_crit)\n    air_grid.train(x=["Origin", "Dest", "Distance"], y="IsDepDelayed", training_frame=air)\n'
        },
        {
            "gbm_random_grid.py": 'import h2o\nfrom h2o.estimators.gbm import H2OGradientBoostingEstimator\nfrom h2o.grid.grid_search import H2OGridSearch\n\nh2o.init()\n\n\ndef grid_search():\n    air = h2o.import_file("allyears2k_headers.zip")\n    hyper_parameters = {"learn_rate": [0.01, 0.05, 0.1], "max_depth": [3, 5, 7, 9], "ntrees": [50, 100, 200]}\n    search_crit = {"strategy": "Cartesian"}\n    air_grid = H2OGridSearch(H2OGradientBoostingEstimator, hyper_params=hyper_parameters, search_criteria=search_crit)\n    air_grid.train(x=["Origin", "Dest", "Distance"], y="IsDepDelayed", training_frame=air)\n'
        },
        expect="H2OGridSearch(strategy='RandomDiscrete', capped)",
        name="h2o-search-criteria-in-a-variable",
    ),
    RuleCase(
        "GT406",
        {
            "h2o_deep_learning.py": 'import h2o\nfrom h2o.estimators.deeplearning import H2ODeepLearningEstimator\n\nh2o.init()\nprostate = h2o.load_dataset("prostate")\ntrain, test = prostate.split_frame(ratios=[0.70])\nmodel = H2ODeepLearningEstimator(hidden=[10, 10, 10], activation="Tanh", epochs=10000, stopping_rounds=0)\nmodel.train(x=["AGE", "RACE", "PSA", "GLEASON"], y="CAPSULE", training_frame=train)\n'
        },
        {
            "h2o_deep_learning.py": 'import h2o\nfrom h2o.estimators.deeplearning import H2ODeepLearningEstimator\n\nh2o.init()\nprostate = h2o.load_dataset("prostate")\ntrain, test = prostate.split_frame(ratios=[0.70])\nmodel = H2ODeepLearningEstimator(hidden=[10, 10, 10], activation="Tanh", epochs=10000)\nmodel.train(x=["AGE", "RACE", "PSA", "GLEASON"], y="CAPSULE", training_frame=train)\n'
        },
        expect="training runs for 10000 epochs",
        name="h2o-deep-learning-stops-early-by-default",
    ),
    RuleCase(
        "GT312",
        {
            "tune_cifar_torch_pbt_example.py": 'import os\nimport torch\nimport torch.nn as nn\nfrom ray import train\nfrom torchvision.models import resnet18\n\n\ndef train_func(config):\n    model = resnet18()\n    model = train.torch.prepare_model(model)\n    optimizer = torch.optim.SGD(model.parameters(), lr=config.get("lr", 0.1), momentum=0.9)\n    if train.get_checkpoint():\n        with train.get_checkpoint().as_directory() as checkpoint_dir:\n            state = torch.load(os.path.join(checkpoint_dir, "data.ckpt"))\n            model.load_state_dict(state[\'model\'])\n            optimizer.load_state_dict(state["optimizer_state_dict"])\n    for epoch in range(config.get("epochs", 10)):\n        for inputs, labels in train_loader:\n            loss = nn.CrossEntropyLoss()(model(inputs), labels)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n'
        },
        {
            "tune_cifar_torch_pbt_example.py": 'import os\nimport torch\nimport torch.nn as nn\nfrom ray import train\nfrom torchvision.models import resnet18\n\n\ndef train_func(config):\n    model = resnet18()\n    model = train.torch.prepare_model(model)\n    optimizer = torch.optim.SGD(model.parameters(), lr=config.get("lr", 0.1), momentum=0.9)\n    if True:\n        if True:\n            state = {}\n            model.load_state_dict(torch.load(\'imagenet_weights.pth\'))\n            optimizer.load_state_dict(state["optimizer_state_dict"])\n    for epoch in range(config.get("epochs", 10)):\n        for inputs, labels in train_loader:\n            loss = nn.CrossEntropyLoss()(model(inputs), labels)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n'
        },
        expect="resnet18 is built with no weights argument",
        name="a-resumed-run-and-its-optimizer-state-are-no-pretrained-weights",
    ),
    RuleCase(
        "GT509",
        {
            "examples/oc20/oc20.sh": "#!/usr/bin/env bash\nfairseq-train --user-dir ../../graphormer \\\n       ./ --valid-subset val_id --best-checkpoint-metric loss \\\n       --num-workers 0 --ddp-backend=c10d \\\n       --task is2re --criterion mae_deltapos --arch IEFormer_ep_pp_dft \\\n       --optimizer adam --adam-betas 0.9,0.98 --adam-eps 1e-6 --clip-norm 5 \\\n       --lr-scheduler polynomial_decay --lr 3e-4 --warmup-updates 10000 --total-num-update 1000000 --batch-size 4 \\\n       --fp16 --fp16-scale-window 256 \\\n       --max-update 1000000 --log-interval 100 --log-format simple \\\n       --save-interval-updates 5000 --validate-interval-updates 2500 --keep-interval-updates 30 --no-epoch-checkpoints \\\n       --save-dir ./ckpt\n",
            "Dockerfile": "FROM nvidia/cuda:11.3.1-cudnn8-devel-ubuntu20.04\nRUN pip install torch\n",
        },
        {
            "examples/oc20/oc20.sh": "#!/usr/bin/env bash\nfairseq-train --user-dir ../../graphormer \\\n       ./ --valid-subset val_id --best-checkpoint-metric loss \\\n       --num-workers 16 --ddp-backend=c10d \\\n       --task is2re --criterion mae_deltapos --arch IEFormer_ep_pp_dft \\\n       --optimizer adam --adam-betas 0.9,0.98 --adam-eps 1e-6 --clip-norm 5 \\\n       --lr-scheduler polynomial_decay --lr 3e-4 --warmup-updates 10000 --total-num-update 1000000 --batch-size 4 \\\n       --fp16 --fp16-scale-window 256 \\\n       --max-update 1000000 --log-interval 100 --log-format simple \\\n       --save-interval-updates 5000 --validate-interval-updates 2500 --keep-interval-updates 30 --no-epoch-checkpoints \\\n       --save-dir ./ckpt\n",
            "Dockerfile": "FROM nvidia/cuda:11.3.1-cudnn8-devel-ubuntu20.04\nRUN pip install torch\n",
        },
        expect="fairseq-train --num-workers 0",
        name="fairseq-train-without-loader-workers",
    ),
    RuleCase(
        "GT311",
        {
            "olmo_benchmark.py": 'import deepchem as dc\nimport torch\n\ntasks, datasets, transformers = dc.molnet.load_bace_classification(featurizer="Raw")\ntrain_dataset, valid_dataset, test_dataset = datasets\nmodel = dc.models.HuggingFaceModel(model=olmo, task="classification", tokenizer=tokenizer, batch_size=8)\nmodel.load_from_pretrained("pretrained/olmo", from_hf_checkpoint=True)\nmodel.fit(train_dataset, nb_epoch=3)\n'
        },
        {
            "olmo_benchmark.py": 'import deepchem as dc\nimport torch\n\ntasks, datasets, transformers = dc.molnet.load_bace_classification(featurizer="Raw")\ntrain_dataset, valid_dataset, test_dataset = datasets\nmodel = dc.models.HuggingFaceModel(model=olmo, task="classification", tokenizer=tokenizer, batch_size=8)\nmodel.save_checkpoint(model_dir="checkpoints")\nmodel.fit(train_dataset, nb_epoch=3)\n'
        },
        expect="model.load_from_pretrained()",
        name="deepchem-load-from-pretrained",
    ),
    RuleCase(
        "GT406",
        {
            "step1/main.py": 'import argparse\n\nimport deepspeed\nimport torch\nfrom transformers import AutoModelForCausalLM\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", type=str, required=True)\n    parser.add_argument("--num_train_epochs", type=int, default=1)\n    parser.add_argument("--output_dir", type=str, default=None)\n    return parser.parse_args()\n\n\ndef main():\n    args = parse_args()\n    model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path)\n    model, optimizer, _, lr_scheduler = deepspeed.initialize(model=model, args=args)\n    for epoch in range(args.num_train_epochs):\n        model.train()\n        for step, batch in enumerate(train_dataloader):\n            loss = model(**batch, use_cache=False).loss\n            model.backward(loss)\n            model.step()\n    if args.output_dir is not None:\n        save_hf_format(model, tokenizer, args)\n\n\nif __name__ == "__main__":\n    main()\n',
            "step1/training_scripts/run_1.3b.sh": "#!/bin/bash\nOUTPUT=./output\ndeepspeed main.py \\\n   --data_path Dahoas/rm-static \\\n   --model_name_or_path facebook/opt-1.3b \\\n   --num_train_epochs 200 \\\n   --learning_rate 9.65e-6 \\\n   --output_dir $OUTPUT\n",
        },
        {
            "step1/main.py": 'import argparse\n\nimport deepspeed\nimport torch\nfrom transformers import AutoModelForCausalLM\n\n\ndef parse_args():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", type=str, required=True)\n    parser.add_argument("--num_train_epochs", type=int, default=1)\n    parser.add_argument("--output_dir", type=str, default=None)\n    return parser.parse_args()\n\n\ndef main():\n    args = parse_args()\n    model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path)\n    model, optimizer, _, lr_scheduler = deepspeed.initialize(model=model, args=args)\n    for epoch in range(args.num_train_epochs):\n        model.train()\n        for step, batch in enumerate(train_dataloader):\n            loss = model(**batch, use_cache=False).loss\n            model.backward(loss)\n            model.step()\n    if args.output_dir is not None:\n        save_hf_format(model, tokenizer, args)\n\n\nif __name__ == "__main__":\n    main()\n',
            "step1/training_scripts/run_1.3b.sh": "#!/bin/bash\nOUTPUT=./output\ndeepspeed main.py \\\n   --data_path Dahoas/rm-static \\\n   --model_name_or_path facebook/opt-1.3b \\\n   --num_train_epochs 2 \\\n   --learning_rate 9.65e-6 \\\n   --output_dir $OUTPUT\n",
        },
        expect="training runs for 200 epochs (--num_train_epochs 200)",
        name="a-launch-sets-the-epochs-of-a-long-run",
    ),
    RuleCase(
        "GT401",
        {
            "olmo_classification_benchmark.py": 'import deepchem as dc\nimport torch\nfrom deepchem.models.torch_models.olmo import Olmo\n\n\ndef finetune(nb_epoch=3):\n    cuda = torch.cuda.is_available()\n    dtype = torch.float16 if cuda else torch.float32\n    model = Olmo(task="classification", torch_dtype=dtype, finetune_strategy="lora", gradient_checkpointing=True, device="cuda" if cuda else "cpu")\n    model.fit(train_dataset, nb_epoch=nb_epoch)\n'
        },
        {
            "olmo_classification_benchmark.py": 'import deepchem as dc\nimport torch\nfrom deepchem.models.torch_models.olmo import Olmo\n\n\ndef finetune(nb_epoch=3):\n    cuda = torch.cuda.is_available()\n    dtype = torch.float32\n    model = Olmo(task="classification", torch_dtype=dtype, finetune_strategy="lora", gradient_checkpointing=True, device="cuda" if cuda else "cpu")\n    model.fit(train_dataset, nb_epoch=nb_epoch)\n'
        },
        expect="Olmo(torch_dtype=dtype)",
        name="a-model-built-with-a-half-precision-torch-dtype",
    ),
    RuleCase(
        "GT509",
        {
            "run_longExp.py": 'import argparse\n\nimport torch\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Long-term forecasting")\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--batch_size", type=int, default=128)\nparser.add_argument("--num_workers", type=int, default=0)\nparser.add_argument("--gpu", type=int, default=0)\nargs = parser.parse_args()\nargs.use_gpu = True if torch.cuda.is_available() else False\nexp = Exp_Main(args)\nexp.train("etth1")\n',
            "exp/exp_main.py": 'import torch\nimport torch.nn as nn\n\nfrom data_provider.data_factory import data_provider\n\n\nclass Exp_Main:\n    def __init__(self, args):\n        self.args = args\n        self.device = torch.device("cuda:{}".format(args.gpu))\n        self.model = nn.Linear(336, 96).to(self.device)\n\n    def train(self, setting):\n        train_data, train_loader = data_provider(self.args, flag="train")\n        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-4)\n        for epoch in range(self.args.train_epochs):\n            for batch_x, batch_y in train_loader:\n                loss = nn.MSELoss()(self.model(batch_x.float().to(self.device)), batch_y.float().to(self.device))\n                optimizer.zero_grad()\n                loss.backward()\n                optimizer.step()\n',
            "data_provider/data_factory.py": 'from torch.utils.data import DataLoader\n\nfrom data_provider.data_loader import Dataset_ETT_hour\n\n\ndef data_provider(args, flag):\n    shuffle_flag = flag != "test"\n    data_set = Dataset_ETT_hour(root_path=args.root_path, flag=flag)\n    data_loader = DataLoader(data_set, batch_size=args.batch_size, shuffle=shuffle_flag, num_workers=args.num_workers, drop_last=True)\n    return data_set, data_loader\n',
        },
        {
            "run_longExp.py": 'import argparse\n\nimport torch\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Long-term forecasting")\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--batch_size", type=int, default=128)\nparser.add_argument("--num_workers", type=int, default=10)\nparser.add_argument("--gpu", type=int, default=0)\nargs = parser.parse_args()\nargs.use_gpu = True if torch.cuda.is_available() else False\nexp = Exp_Main(args)\nexp.train("etth1")\n',
            "exp/exp_main.py": 'import torch\nimport torch.nn as nn\n\nfrom data_provider.data_factory import data_provider\n\n\nclass Exp_Main:\n    def __init__(self, args):\n        self.args = args\n        self.device = torch.device("cuda:{}".format(args.gpu))\n        self.model = nn.Linear(336, 96).to(self.device)\n\n    def train(self, setting):\n        train_data, train_loader = data_provider(self.args, flag="train")\n        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-4)\n        for epoch in range(self.args.train_epochs):\n            for batch_x, batch_y in train_loader:\n                loss = nn.MSELoss()(self.model(batch_x.float().to(self.device)), batch_y.float().to(self.device))\n                optimizer.zero_grad()\n                loss.backward()\n                optimizer.step()\n',
            "data_provider/data_factory.py": 'from torch.utils.data import DataLoader\n\nfrom data_provider.data_loader import Dataset_ETT_hour\n\n\ndef data_provider(args, flag):\n    shuffle_flag = flag != "test"\n    data_set = Dataset_ETT_hour(root_path=args.root_path, flag=flag)\n    data_loader = DataLoader(data_set, batch_size=args.batch_size, shuffle=shuffle_flag, num_workers=args.num_workers, drop_last=True)\n    return data_set, data_loader\n',
        },
        expect="num_workers from --num_workers (default 0)",
        name="loaders-built-in-a-data-module-the-trainer-imports",
    ),
    RuleCase(
        "GT606",
        {
            "scripts/train.py": 'import torch\nfrom audiotools import ml\n\n\ndef train_loop(state, batch, accel, lambdas):\n    state.generator.train()\n    with accel.autocast():\n        recons = state.generator(batch["signal"])\n        loss = sum(v * recons[k] for k, v in lambdas.items())\n    state.optimizer_g.zero_grad()\n    accel.backward(loss)\n    accel.step(state.optimizer_g)\n    accel.update()\n'
        },
        {
            "scripts/train.py": 'import torch\nfrom audiotools import ml\n\n\ndef train_loop(state, batch, accel, lambdas):\n    state.generator.train()\n    with accel.autocast():\n        recons = state.generator(batch["signal"])\n        loss = sum(v * recons[k] for k, v in lambdas.items())\n    state.optimizer_g.zero_grad()\n    accel.report(loss)\n    accel.step(state.optimizer_g)\n    accel.update()\n'
        },
        expect="the project trains models",
        name="a-backward-pass-run-by-another-accelerator",
    ),
    RuleCase(
        "GT306",
        {
            "scripts/run_multiple.sh": "#!/bin/bash\ngpus=(1 2 3 4 5 6 7)\nfor i in ${gpus[@]}; do\n    CUDA_VISIBLE_DEVICES=$i python train.py \\\n        --domain_name cheetah --task_name run \\\n        --encoder_type pixel --action_repeat 8 \\\n        --work_dir ./tmp --agent curl_sac --frame_stack 3 \\\n        --seed -1 --critic_lr $i --actor_lr 1e-3 --batch_size 512 --num_train_steps 1000000 &\ndone\n",
            "train.py": "import torch\n\ndef main(args):\n    agent = make_agent(args)\n    for step in range(args.num_train_steps):\n        obs, reward, done, _ = env.step(agent.sample_action(obs))\n        critic_loss = agent.update_critic(obs)\n        agent.critic_optimizer.zero_grad()\n        critic_loss.backward()\n        agent.critic_optimizer.step()\n",
        },
        {
            "scripts/run_multiple.sh": "#!/bin/bash\ngpus=(1 2 3 4 5 6 7)\nfor i in ${gpus[@]}; do\n    CUDA_VISIBLE_DEVICES=$i python train.py \\\n        --domain_name cheetah --task_name run \\\n        --encoder_type pixel --action_repeat 8 \\\n        --work_dir ./tmp --agent curl_sac --frame_stack 3 \\\n        --seed -1 --critic_lr 1e-3 --actor_lr 1e-3 --batch_size 512 --num_train_steps 1000000 &\ndone\n",
            "train.py": "import torch\n\ndef main(args):\n    agent = make_agent(args)\n    for step in range(args.num_train_steps):\n        obs, reward, done, _ = env.step(agent.sample_action(obs))\n        critic_loss = agent.update_critic(obs)\n        agent.critic_optimizer.zero_grad()\n        critic_loss.backward()\n        agent.critic_optimizer.step()\n",
        },
        expect="a shell loop launches 7",
        name="replicates-placed-on-other-gpus-are-no-sweep",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n\n\ndef build_loaders(train_data, batch_size, num_workers):\n    return DataLoader(train_data, batch_size=batch_size, num_workers=num_workers, persistent_workers=True if num_workers > 0 else False)\n\n\nmodel = torch.nn.Linear(8, 1).cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor batch in build_loaders(dataset, 16, 4):\n    loss = model(batch.cuda()).mean()\n    loss.backward()\n    optimizer.step()\n"
        },
        {
            "train.py": "import torch\nfrom torch.utils.data import DataLoader\n\n\ndef build_loaders(train_data, batch_size, num_workers):\n    return DataLoader(train_data, batch_size=batch_size, num_workers=num_workers, persistent_workers=False)\n\n\nmodel = torch.nn.Linear(8, 1).cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor batch in build_loaders(dataset, 16, 4):\n    loss = model(batch.cuda()).mean()\n    loss.backward()\n    optimizer.step()\n"
        },
        expect="persistent",
        name="persistent-workers-written-as-a-conditional",
    ),
    RuleCase(
        "GT101",
        {
            "meldataset.py": "import pandas as pd\nimport torch\n\n\nclass FilePathDataset(torch.utils.data.Dataset):\n    def __init__(self, data_list):\n        self.df = pd.DataFrame(data_list)\n\n    def __getitem__(self, idx):\n        spk = self.df.iloc[idx][2]\n        ref = self.df[self.df[2] == spk].sample(n=1000).iloc[0]\n        return ref\n\n    def __len__(self):\n        return len(self.df)\n\n\ndef train(model, loader, optimizer):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "meldataset.py": "import pandas as pd\nimport torch\n\n\nclass FilePathDataset(torch.utils.data.Dataset):\n    def __init__(self, data_list):\n        self.df = pd.DataFrame(data_list)\n\n    def __getitem__(self, idx):\n        spk = self.df.iloc[idx][2]\n        ref = self.df[self.df[2] == spk].sample(n=1).iloc[0]\n        return ref\n\n    def __len__(self):\n        return len(self.df)\n\n\ndef train(model, loader, optimizer):\n    for batch in loader:\n        loss = model(batch).mean()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="sample(n=1000)",
        name="one-row-drawn-is-no-sample",
    ),
    RuleCase(
        "GT404",
        {
            "scripts/train.py": 'import torch\n\n\ndef checkpoint(state, save_iters, save_path):\n    tags = ["latest"]\n    if state.tracker.step in save_iters:\n        tags.append(f"{state.tracker.step // 1000}k")\n    for tag in tags:\n        state.generator.save_to_folder(f"{save_path}/{tag}", {"optimizer.pth": state.optimizer_g.state_dict()})\n\n\ndef train(state, train_dataloader, valid_freq=1000, save_iters=(10000, 50000), save_path="ckpt"):\n    for tracker_step, batch in enumerate(train_dataloader):\n        loss = state.generator(batch).mean()\n        loss.backward()\n        state.optimizer_g.step()\n        if tracker_step % valid_freq == 0:\n            checkpoint(state, save_iters, save_path)\n'
        },
        {
            "scripts/train.py": 'import torch\n\n\ndef checkpoint(state, save_iters, save_path):\n    tags = ["latest"]\n    if state.tracker.step in save_iters:\n        tags.append(f"{state.tracker.step // 1000}k")\n    for tag in tags:\n        state.generator.describe_folder(f"{save_path}/{tag}", {"optimizer.pth": state.optimizer_g.state_dict()})\n\n\ndef train(state, train_dataloader, valid_freq=1000, save_iters=(10000, 50000), save_path="ckpt"):\n    for tracker_step, batch in enumerate(train_dataloader):\n        loss = state.generator(batch).mean()\n        loss.backward()\n        state.optimizer_g.step()\n        if tracker_step % valid_freq == 0:\n            checkpoint(state, save_iters, save_path)\n'
        },
        expect="save_to_folder",
        name="audiotools-save-to-folder-in-a-checkpoint-function",
    ),
    RuleCase(
        "GT407",
        {
            "run_ner.py": 'from dataclasses import dataclass, field\n\nfrom flair.datasets import CONLL_03\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\nfrom transformers import HfArgumentParser\n\n\n@dataclass\nclass TrainingArguments:\n    num_epochs: int = field(default=10, metadata={"help": "The number of training epochs."})\n    batch_size: int = field(default=8, metadata={"help": "Batch size used for training."})\n    mini_batch_chunk_size: int = field(default=1, metadata={"help": "If smaller than batch size, batches will be chunked."})\n\n\ndef main():\n    parser = HfArgumentParser((TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    corpus = CONLL_03()\n    tagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner")\n    trainer = ModelTrainer(tagger, corpus)\n    trainer.fine_tune(\n        "resources/taggers/ner",\n        mini_batch_size=training_args.batch_size,\n        mini_batch_chunk_size=training_args.mini_batch_chunk_size,\n        max_epochs=training_args.num_epochs,\n    )\n'
        },
        {
            "run_ner.py": 'from dataclasses import dataclass, field\n\nfrom flair.datasets import CONLL_03\nfrom flair.models import SequenceTagger\nfrom flair.trainers import ModelTrainer\nfrom transformers import HfArgumentParser\n\n\n@dataclass\nclass TrainingArguments:\n    num_epochs: int = field(default=10, metadata={"help": "The number of training epochs."})\n    batch_size: int = field(default=8, metadata={"help": "Batch size used for training."})\n    mini_batch_chunk_size: int = field(default=8, metadata={"help": "If smaller than batch size, batches will be chunked."})\n\n\ndef main():\n    parser = HfArgumentParser((TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    corpus = CONLL_03()\n    tagger = SequenceTagger(hidden_size=256, embeddings=embeddings, tag_dictionary=label_dict, tag_type="ner")\n    trainer = ModelTrainer(tagger, corpus)\n    trainer.fine_tune(\n        "resources/taggers/ner",\n        mini_batch_size=training_args.batch_size,\n        mini_batch_chunk_size=training_args.mini_batch_chunk_size,\n        max_epochs=training_args.num_epochs,\n    )\n'
        },
        expect="mini_batch_chunk_size=1 of mini_batch_size=8 (Flair)",
        name="flair-chunks-from-hfargumentparser-dataclass-defaults",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": 'import lightning as L\nfrom lightning.pytorch.callbacks import ModelCheckpoint\n\nfrom model import LitClassifier\nfrom data import MNISTDataModule\n\n\ndef main():\n    model = LitClassifier()\n    trainer = L.Trainer(max_epochs=10, accelerator="gpu", devices=1, benchmark=True, callbacks=[ModelCheckpoint()])\n    trainer.fit(model, datamodule=MNISTDataModule())\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        {
            "train.py": 'import lightning as L\nfrom lightning.pytorch.callbacks import ModelCheckpoint\n\nfrom model import LitClassifier\nfrom data import MNISTDataModule\n\n\ndef main():\n    model = LitClassifier()\n    trainer = L.Trainer(max_epochs=10, accelerator="gpu", devices=1, benchmark=False, callbacks=[ModelCheckpoint()])\n    trainer.fit(model, datamodule=MNISTDataModule())\n\n\nif __name__ == "__main__":\n    main()\n'
        },
        expect="Trainer(benchmark=True)",
        name="lightning-trainer-benchmark-true",
    ),
    RuleCase(
        "GT207",
        {
            "configs/trainer.yaml": "trainer:\n  max_epochs: 20\n  accelerator: gpu\n  benchmark: true\nmodel:\n  lr: 0.001\n",
            "train.py": "from lightning.pytorch.cli import LightningCLI\nLightningCLI()\n",
        },
        {
            "configs/trainer.yaml": "trainer:\n  max_epochs: 20\n  accelerator: gpu\n  benchmark: false\nmodel:\n  lr: 0.001\n",
            "train.py": "from lightning.pytorch.cli import LightningCLI\nLightningCLI()\n",
        },
        expect="trainer.benchmark: true",
        name="lightning-config-trainer-benchmark-true",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": 'import argparse\nimport contextlib\n\nimport torch\nfrom torch import nn\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--amp", action="store_true", help="train with mixed precision")\nparser.add_argument("--epochs", type=int, default=90)\nargs = parser.parse_args()\n\nmodel = nn.Linear(10, 2).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(args.epochs):\n    for inputs, targets in loader:\n        with torch.autocast("cuda") if args.amp else contextlib.nullcontext():\n            loss = nn.functional.cross_entropy(model(inputs.cuda()), targets.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    torch.save(model.state_dict(), "model.pt")\n'
        },
        {
            "train.py": 'import argparse\nimport contextlib\n\nimport torch\nfrom torch import nn\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--amp", action="store_true", help="train with mixed precision")\nparser.add_argument("--epochs", type=int, default=90)\nargs = parser.parse_args()\n\nmodel = nn.Linear(10, 2).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(args.epochs):\n    for inputs, targets in loader:\n        with torch.autocast("cuda") if args.amp else contextlib.nullcontext():\n            loss = nn.functional.cross_entropy(model(inputs.cuda()), targets.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    torch.save(model.state_dict(), "model.pt")\n',
            "run.sh": "#!/bin/bash\npython train.py --amp --epochs 90\n",
        },
        expect="autocast behind --amp",
        name="autocast-in-conditional-expression-behind-off-option",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import contextlib\n\nimport torch\nimport yaml\nfrom torch import nn\n\n\nclass Cfg:\n    def __init__(self, path):\n        self.__dict__.update(yaml.safe_load(open(path)))\n\n\ndef main():\n    cfg = Cfg("configs/default.yaml")\n    model = nn.Linear(10, 2).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)\n    for step in range(cfg.steps):\n        inputs, targets = next(loader)\n        with torch.autocast(device_type="cuda") if cfg.use_amp else contextlib.nullcontext():\n            loss = nn.functional.mse_loss(model(inputs.cuda()), targets.cuda())\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n        if step % 1000 == 0:\n            torch.save(model.state_dict(), f"ckpt_{step}.pt")\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/default.yaml": "lr: 0.0001\nsteps: 100000\ndevice: cuda\nuse_amp: true\n",
        },
        {
            "train.py": 'import contextlib\n\nimport torch\nimport yaml\nfrom torch import nn\n\n\nclass Cfg:\n    def __init__(self, path):\n        self.__dict__.update(yaml.safe_load(open(path)))\n\n\ndef main():\n    cfg = Cfg("configs/default.yaml")\n    model = nn.Linear(10, 2).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)\n    for step in range(cfg.steps):\n        inputs, targets = next(loader)\n        with torch.autocast(device_type="cuda") if cfg.use_amp else contextlib.nullcontext():\n            loss = nn.functional.mse_loss(model(inputs.cuda()), targets.cuda())\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n        if step % 1000 == 0:\n            torch.save(model.state_dict(), f"ckpt_{step}.pt")\n\n\nif __name__ == "__main__":\n    main()\n',
            "configs/default.yaml": "lr: 0.0001\nsteps: 100000\ndevice: cuda\nuse_amp: false\n",
        },
        expect="torch.autocast",
        name="autocast-in-conditional-expression-behind-config-switch",
    ),
    RuleCase(
        "GT301",
        {
            "tune.py": 'import lightning.pytorch as pl\nfrom pytorch_forecasting import TemporalFusionTransformer, TimeSeriesDataSet\nfrom pytorch_forecasting.models.temporal_fusion_transformer.tuning import optimize_hyperparameters\n\nfrom data import load_frame\n\ntraining = TimeSeriesDataSet(load_frame(), time_idx="time_idx", target="volume", group_ids=["sku"])\ntrain_dataloader = training.to_dataloader(train=True, batch_size=64, num_workers=4)\nval_dataloader = training.to_dataloader(train=False, batch_size=640, num_workers=4)\n\nstudy = optimize_hyperparameters(\n    train_dataloader,\n    val_dataloader,\n    model_path="optuna_test",\n    n_trials=200,\n    max_epochs=50,\n    gradient_clip_val_range=(0.01, 1.0),\n)\n\n'
        },
        {
            "tune.py": 'import lightning.pytorch as pl\nfrom pytorch_forecasting import TemporalFusionTransformer, TimeSeriesDataSet\nfrom pytorch_forecasting.models.temporal_fusion_transformer.tuning import optimize_hyperparameters\n\nfrom data import load_frame\n\ntraining = TimeSeriesDataSet(load_frame(), time_idx="time_idx", target="volume", group_ids=["sku"])\ntrain_dataloader = training.to_dataloader(train=True, batch_size=64, num_workers=4)\nval_dataloader = training.to_dataloader(train=False, batch_size=640, num_workers=4)\n\ntrainer = pl.Trainer(max_epochs=50, accelerator="cpu")\ntft = TemporalFusionTransformer.from_dataset(training, learning_rate=0.03)\ntrainer.fit(tft, train_dataloaders=train_dataloader, val_dataloaders=val_dataloader)\n\n'
        },
        expect="optimize_hyperparameters(n_trials=200)",
        name="pytorch-forecasting-optimize-hyperparameters",
    ),
    RuleCase(
        "GT505",
        {
            "main_informer.py": 'import argparse\n\nimport torch\nfrom torch import nn\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Transformer family for time series forecasting")\nparser.add_argument("--model", type=str, default="informer")\nparser.add_argument("--train_epochs", type=int, default=6)\nparser.add_argument("--use_gpu", type=bool, default=True)\nparser.add_argument("--use_multi_gpu", action="store_true", default=False)\nparser.add_argument("--devices", type=str, default="0,1,2,3")\nargs = parser.parse_args()\nargs.device_ids = [int(i) for i in args.devices.split(",")]\n\nmodel = nn.Linear(96, 24)\nif args.use_multi_gpu:\n    model = nn.DataParallel(model, device_ids=args.device_ids)\nmodel = model.cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "scripts/ETTh1.sh": "#!/bin/bash\nDEVICES=0,1,2,3,4,5,6,7\npython -u main_informer.py --model informer --data ETTh1 --seq_len 48 --use_multi_gpu --devices $DEVICES --itr 2\n",
        },
        {
            "main_informer.py": 'import argparse\n\nimport torch\nfrom torch import nn\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Transformer family for time series forecasting")\nparser.add_argument("--model", type=str, default="informer")\nparser.add_argument("--train_epochs", type=int, default=6)\nparser.add_argument("--use_gpu", type=bool, default=True)\nparser.add_argument("--use_multi_gpu", action="store_true", default=False)\nparser.add_argument("--devices", type=str, default="0,1,2,3")\nargs = parser.parse_args()\nargs.device_ids = [int(i) for i in args.devices.split(",")]\n\nmodel = nn.Linear(96, 24)\nif args.use_multi_gpu:\n    model = nn.DataParallel(model, device_ids=args.device_ids)\nmodel = model.cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "scripts/ETTh1.sh": "#!/bin/bash\nDEVICES=0\npython -u main_informer.py --model informer --data ETTh1 --seq_len 48 --use_multi_gpu --devices $DEVICES --itr 2\n",
        },
        expect="jobs request 8 GPUs",
        name="gpu-id-list-flag-multi-gpu-run",
    ),
    RuleCase(
        "GT505",
        {
            "run.py": 'import argparse\n\nimport torch\nfrom torch import nn\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Transformer family for time series forecasting")\nparser.add_argument("--model", type=str, default="informer")\nparser.add_argument("--train_epochs", type=int, default=6)\nparser.add_argument("--use_gpu", type=bool, default=True)\nparser.add_argument("--use_multi_gpu", action="store_true", default=False)\nparser.add_argument("--devices", type=str, default="0,1,2,3")\nargs = parser.parse_args()\nargs.device_ids = [int(i) for i in args.devices.split(",")]\n\nmodel = nn.Linear(96, 24)\nmodel = model.cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "scripts/etth1.sh": "#!/bin/bash\ntorchrun --nproc_per_node 8 run.py --model DLinear --data ETTh1 --train_epochs 10 --itr 1\n",
        },
        {
            "run.py": 'import argparse\n\nimport torch\nfrom torch import nn\n\nfrom exp.exp_main import Exp_Main\n\nparser = argparse.ArgumentParser(description="Transformer family for time series forecasting")\nparser.add_argument("--model", type=str, default="informer")\nparser.add_argument("--train_epochs", type=int, default=6)\nparser.add_argument("--use_gpu", type=bool, default=True)\nparser.add_argument("--use_multi_gpu", action="store_true", default=False)\nparser.add_argument("--devices", type=str, default="0,1,2,3")\nargs = parser.parse_args()\nargs.device_ids = [int(i) for i in args.devices.split(",")]\n\nmodel = nn.Linear(96, 24)\nmodel = model.cuda()\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "scripts/etth1.sh": "#!/bin/bash\ntorchrun --nproc_per_node 8 run.py --model DLinear --data ETTh1 --is_training 0 --itr 1\n",
        },
        expect="jobs request 8 GPUs",
        name="generic-entry-point-with-train-epochs-flag-trains",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": 'import torch\n\nfrom lavis.common.config import Config\nfrom lavis.tasks import setup_task\n\n\ndef main():\n    cfg = Config(parse_args())\n    task = setup_task(cfg)\n    model = task.build_model(cfg).cuda()\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.run_cfg.init_lr)\n    for epoch in range(cfg.run_cfg.max_epoch):\n        for samples in loader:\n            loss = model(samples)["loss"]\n            loss.backward()\n            optimizer.step()\n            optimizer.zero_grad()\n',
            "lavis/projects/blip2/train/caption_coco_ft.yaml": 'model:\n  arch: blip2_opt\n  model_type: caption_coco_opt2.7b\n  load_finetuned: False\n  use_grad_checkpoint: True\n\nrun:\n  task: captioning\n  lr_sched: "linear_warmup_cosine_lr"\n  init_lr: 1e-5\n  max_epoch: 5\n  batch_size_train: 16\n  amp: True\n',
        },
        {
            "train.py": 'import torch\n\nfrom lavis.common.config import Config\nfrom lavis.tasks import setup_task\n\n\ndef main():\n    cfg = Config(parse_args())\n    task = setup_task(cfg)\n    model = task.build_model(cfg).cuda()\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.run_cfg.init_lr)\n    for epoch in range(cfg.run_cfg.max_epoch):\n        for samples in loader:\n            loss = model(samples)["loss"]\n            loss.backward()\n            optimizer.step()\n            optimizer.zero_grad()\n',
            "lavis/projects/blip2/train/caption_coco_ft.yaml": 'model:\n  arch: blip2_opt\n  model_type: caption_coco_opt2.7b\n  load_finetuned: False\n  use_grad_checkpoint: False\n\nrun:\n  task: captioning\n  lr_sched: "linear_warmup_cosine_lr"\n  init_lr: 1e-5\n  max_epoch: 5\n  batch_size_train: 16\n  amp: True\n',
        },
        expect="use_grad_checkpoint",
        name="lavis-use-grad-checkpoint-config",
    ),
    RuleCase(
        "GT302",
        {
            "mbrl/models/model_trainer.py": "import torch\n\nfrom mbrl.models.model import Model\n\n\nclass ModelTrainer:\n    def __init__(self, model: Model, optim_lr: float = 1e-4):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters(), lr=optim_lr)\n\n    def train(self, dataset_train, dataset_val=None, num_epochs=None, patience=1):\n        epochs_since_update = 0\n        best_val_score = self.evaluate(dataset_val)\n        epoch = 0\n        while num_epochs is None or epoch < num_epochs:\n            batch_losses = []\n            for batch in dataset_train:\n                loss, meta = self.model.update(batch, self.optimizer)\n                batch_losses.append(loss)\n            eval_score = self.evaluate(dataset_val)\n            if eval_score < best_val_score:\n                best_val_score = eval_score\n                epochs_since_update = 0\n            else:\n                epochs_since_update += 1\n            if patience and epochs_since_update >= patience:\n                break\n            epoch += 1\n        return batch_losses\n",
            "mbrl/models/model.py": "import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def update(self, batch, optimizer):\n        self.train()\n        optimizer.zero_grad()\n        loss, meta = self.loss(batch)\n        loss.backward()\n        optimizer.step()\n        return loss.item(), meta\n",
        },
        {
            "mbrl/models/model_trainer.py": "import torch\n\nfrom mbrl.models.model import Model\n\n\nclass ModelTrainer:\n    def __init__(self, model: Model, optim_lr: float = 1e-4):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters(), lr=optim_lr)\n\n    def train(self, dataset_train, dataset_val=None, num_epochs=None, patience=1):\n        epochs_since_update = 0\n        best_val_score = self.evaluate(dataset_val)\n        epoch = 0\n        while num_epochs is None or epoch < num_epochs:\n            batch_losses = []\n            for batch in dataset_train:\n                loss, meta = self.model.update(batch, self.optimizer)\n                batch_losses.append(loss)\n            eval_score = self.evaluate(dataset_val)\n            if eval_score < best_val_score:\n                best_val_score = eval_score\n                epochs_since_update = 0\n            else:\n                epochs_since_update += 1\n            pass\n            epoch += 1\n        return batch_losses\n",
            "mbrl/models/model.py": "import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def update(self, batch, optimizer):\n        self.train()\n        optimizer.zero_grad()\n        loss, meta = self.loss(batch)\n        loss.backward()\n        optimizer.step()\n        return loss.item(), meta\n",
        },
        expect="epochs_since_update reaches patience",
        name="hand-written-stop-behind-patience-and-count",
    ),
    RuleCase(
        "GT408",
        {
            "mbrl/models/model_trainer.py": "import torch\n\nfrom mbrl.models.model import Model\n\n\nclass ModelTrainer:\n    def __init__(self, model: Model, optim_lr: float = 1e-4):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters(), lr=optim_lr)\n\n    def train(self, dataset_train, dataset_val=None, num_epochs=None, patience=1):\n        epochs_since_update = 0\n        best_val_score = self.evaluate(dataset_val)\n        epoch = 0\n        while num_epochs is None or epoch < num_epochs:\n            batch_losses = []\n            for batch in dataset_train:\n                loss, meta = self.model.loss(batch)\n                loss.backward()\n                batch_losses.append(loss)\n            eval_score = self.evaluate(dataset_val)\n            if eval_score < best_val_score:\n                best_val_score = eval_score\n                epochs_since_update = 0\n            else:\n                epochs_since_update += 1\n            if patience and epochs_since_update >= patience:\n                break\n            epoch += 1\n        return batch_losses\n",
            "mbrl/models/model.py": "import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def update(self, batch, optimizer):\n        self.train()\n        optimizer.zero_grad()\n        loss, meta = self.loss(batch)\n        loss.backward()\n        optimizer.step()\n        return loss.item(), meta\n",
        },
        {
            "mbrl/models/model_trainer.py": "import torch\n\nfrom mbrl.models.model import Model\n\n\nclass ModelTrainer:\n    def __init__(self, model: Model, optim_lr: float = 1e-4):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters(), lr=optim_lr)\n\n    def train(self, dataset_train, dataset_val=None, num_epochs=None, patience=1):\n        epochs_since_update = 0\n        best_val_score = self.evaluate(dataset_val)\n        epoch = 0\n        while num_epochs is None or epoch < num_epochs:\n            batch_losses = []\n            for batch in dataset_train:\n                loss, meta = self.model.update(batch, self.optimizer)\n                batch_losses.append(loss)\n            eval_score = self.evaluate(dataset_val)\n            if eval_score < best_val_score:\n                best_val_score = eval_score\n                epochs_since_update = 0\n            else:\n                epochs_since_update += 1\n            if patience and epochs_since_update >= patience:\n                break\n            epoch += 1\n        return batch_losses\n",
            "mbrl/models/model.py": "import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def update(self, batch, optimizer):\n        self.train()\n        optimizer.zero_grad()\n        loss, meta = self.loss(batch)\n        loss.backward()\n        optimizer.step()\n        return loss.item(), meta\n",
        },
        expect="batch_losses.append(loss)",
        name="loss-returned-by-a-training-step-in-another-file",
    ),
    RuleCase(
        "GT404",
        {
            "main.py": 'import argparse\n\nimport torch\n\nimport utils\nfrom engine import train_one_epoch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--epochs", default=300, type=int)\nparser.add_argument("--save_ckpt_freq", default=1, type=int)\nargs = parser.parse_args()\n\nmodel = build_model().cuda()\noptimizer = torch.optim.AdamW(model.parameters(), lr=4e-3)\nfor epoch in range(args.epochs):\n    train_one_epoch(model, data_loader_train, optimizer, device, epoch)\n    if (epoch + 1) % args.save_ckpt_freq == 0 or epoch + 1 == args.epochs:\n        utils.save_model(\n            args=args, model=model, optimizer=optimizer, epoch=epoch)\n',
            "engine.py": "import torch\n\n\ndef train_one_epoch(model, data_loader, optimizer, device, epoch):\n    model.train()\n    for samples, targets in data_loader:\n        loss = torch.nn.functional.cross_entropy(model(samples.to(device)), targets.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n",
            "utils.py": 'import torch\n\n\ndef save_model(args, epoch, model, optimizer):\n    to_save = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}\n    torch.save(to_save, f"{args.output_dir}/checkpoint-{epoch}.pth")\n',
        },
        {
            "main.py": 'import argparse\n\nimport torch\n\nimport utils\nfrom engine import train_one_epoch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--epochs", default=300, type=int)\nparser.add_argument("--save_ckpt_freq", default=1, type=int)\nargs = parser.parse_args()\n\nmodel = build_model().cuda()\noptimizer = torch.optim.AdamW(model.parameters(), lr=4e-3)\nfor epoch in range(args.epochs):\n    train_one_epoch(model, data_loader_train, optimizer, device, epoch)\n    print(epoch)\n',
            "engine.py": "import torch\n\n\ndef train_one_epoch(model, data_loader, optimizer, device, epoch):\n    model.train()\n    for samples, targets in data_loader:\n        loss = torch.nn.functional.cross_entropy(model(samples.to(device)), targets.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n",
            "utils.py": 'import torch\n\n\ndef save_model(args, epoch, model, optimizer):\n    to_save = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}\n    torch.save(to_save, f"{args.output_dir}/model.pth")\n',
        },
        expect="utils.save_model() every N steps",
        name="save-every-n-epochs-with-epoch-plus-one",
    ),
    RuleCase(
        "GT311",
        {
            "dinov2/train/ssl_meta_arch.py": 'import torch\nfrom torch import nn\n\nfrom dinov2.models import build_model_from_cfg\n\n\nclass SSLMetaArch(nn.Module):\n    def __init__(self, cfg):\n        super().__init__()\n        self.cfg = cfg\n        student_backbone, teacher_backbone, embed_dim = build_model_from_cfg(cfg)\n        if cfg.student.pretrained_weights:\n            chkpt = torch.load(cfg.student.pretrained_weights)\n            student_backbone.load_state_dict(chkpt["model"], strict=False)\n        self.student = student_backbone\n',
            "dinov2/train/train.py": 'import torch\n\nfrom dinov2.train.ssl_meta_arch import SSLMetaArch\n\n\ndef do_train(cfg):\n    model = SSLMetaArch(cfg).to(torch.device("cuda"))\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.optim.lr)\n    for iteration, data in enumerate(data_loader):\n        loss = model(data)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "dinov2/configs/ssl_default_config.yaml": "student:\n  arch: vit_large\n  patch_size: 16\n  pretrained_weights: 'checkpoints/vitl16_pretrain.pth'\noptim:\n  lr: 0.004\n  epochs: 100\n",
        },
        {
            "dinov2/train/ssl_meta_arch.py": 'import torch\nfrom torch import nn\n\nfrom dinov2.models import build_model_from_cfg\n\n\nclass SSLMetaArch(nn.Module):\n    def __init__(self, cfg):\n        super().__init__()\n        self.cfg = cfg\n        student_backbone, teacher_backbone, embed_dim = build_model_from_cfg(cfg)\n        if cfg.student.pretrained_weights:\n            chkpt = torch.load(cfg.student.pretrained_weights)\n            student_backbone.load_state_dict(chkpt["model"], strict=False)\n        self.student = student_backbone\n',
            "dinov2/train/train.py": 'import torch\n\nfrom dinov2.train.ssl_meta_arch import SSLMetaArch\n\n\ndef do_train(cfg):\n    model = SSLMetaArch(cfg).to(torch.device("cuda"))\n    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.optim.lr)\n    for iteration, data in enumerate(data_loader):\n        loss = model(data)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "dinov2/configs/ssl_default_config.yaml": "student:\n  arch: vit_large\n  patch_size: 16\n  pretrained_weights: ''\noptim:\n  lr: 0.004\n  epochs: 100\n",
        },
        expect="load of pre-trained weights",
        name="pretrained-load-behind-config-path-empty-everywhere",
    ),
    RuleCase(
        "GT302",
        {
            "dizoo/atari/config/serial/pong/pong_dqn_config.py": 'from ding.entry import serial_pipeline\nfrom easydict import EasyDict\n\npong_dqn_config = dict(\n    exp_name="pong_dqn",\n    env=dict(\n        collector_env_num=8,\n        evaluator_env_num=8,\n        n_evaluator_episode=8,\n        stop_value=20,\n        env_id="PongNoFrameskip-v4",\n        frame_stack=4,\n    ),\n    policy=dict(\n        cuda=True,\n        model=dict(obs_shape=[4, 84, 84], action_shape=6, encoder_hidden_size_list=[128, 128, 512]),\n        learn=dict(update_per_collect=10, batch_size=32, learning_rate=0.0001),\n    ),\n)\nmain_config = EasyDict(pong_dqn_config)\n\nif __name__ == "__main__":\n    serial_pipeline((main_config, create_config), seed=0, max_env_step=int(1e7))\n'
        },
        {
            "dizoo/atari/config/serial/pong/pong_dqn_config.py": 'from ding.entry import serial_pipeline\nfrom easydict import EasyDict\n\npong_dqn_config = dict(\n    exp_name="pong_dqn",\n    env=dict(\n        collector_env_num=8,\n        evaluator_env_num=8,\n        n_evaluator_episode=8,\n        \n        env_id="PongNoFrameskip-v4",\n        frame_stack=4,\n    ),\n    policy=dict(\n        cuda=True,\n        model=dict(obs_shape=[4, 84, 84], action_shape=6, encoder_hidden_size_list=[128, 128, 512]),\n        learn=dict(update_per_collect=10, batch_size=32, learning_rate=0.0001),\n    ),\n)\nmain_config = EasyDict(pong_dqn_config)\n\nif __name__ == "__main__":\n    serial_pipeline((main_config, create_config), seed=0, max_env_step=int(1e7))\n'
        },
        expect="env.stop_value: 20",
        name="di-engine-stop-value",
    ),
    RuleCase(
        "GT207",
        {
            "models/160M/pythia-160m.yml": '{\n  "pipe-parallel-size": 1,\n  "model-parallel-size": 1,\n  "num-layers": 12,\n  "hidden-size": 768,\n  "num-attention-heads": 12,\n  "seq-length": 2048,\n  "max-position-embeddings": 2048,\n  "pos-emb": "rotary",\n  "attention-config": [[["flash"], 12]],\n  "optimizer": {"type": "Adam", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "eps": 1.0e-8}},\n  "train_micro_batch_size_per_gpu": 32,\n  "fp16": {"enabled": true, "loss_scale": 0, "loss_scale_window": 1000},\n  "train-iters": 143000,\n  "save-interval": 1000,\n}\n'
        },
        {
            "models/160M/pythia-160m.yml": '{\n  "pipe-parallel-size": 1,\n  "model-parallel-size": 1,\n  "num-layers": 12,\n  "hidden-size": 768,\n  "num-attention-heads": 12,\n  "seq-length": 2048,\n  "max-position-embeddings": 2048,\n  "pos-emb": "rotary",\n  "attention-config": [[["global"], 12]],\n  "optimizer": {"type": "Adam", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "eps": 1.0e-8}},\n  "train_micro_batch_size_per_gpu": 32,\n  "fp16": {"enabled": true, "loss_scale": 0, "loss_scale_window": 1000},\n  "train-iters": 143000,\n  "save-interval": 1000,\n}\n'
        },
        expect="attention-config[0][0]",
        name="gpt-neox-flash-attention-config",
    ),
    RuleCase(
        "GT207",
        {
            "models/70M/pythia-70m.yml": '{\n  "pipe-parallel-size": 1,\n  "model-parallel-size": 1,\n  "num-layers": 12,\n  "hidden-size": 768,\n  "num-attention-heads": 12,\n  "seq-length": 2048,\n  "max-position-embeddings": 2048,\n  "bias-gelu-fusion": true,\n  "pos-emb": "rotary",\n  "attention-config": [[["global"], 12]],\n  "optimizer": {"type": "Adam", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "eps": 1.0e-8}},\n  "train_micro_batch_size_per_gpu": 32,\n  "fp16": {"enabled": true, "loss_scale": 0, "loss_scale_window": 1000},\n  "train-iters": 143000,\n  "save-interval": 1000,\n}\n'
        },
        {
            "models/70M/pythia-70m.yml": '{\n  "pipe-parallel-size": 1,\n  "model-parallel-size": 1,\n  "num-layers": 12,\n  "hidden-size": 768,\n  "num-attention-heads": 12,\n  "seq-length": 2048,\n  "max-position-embeddings": 2048,\n  "bias-gelu-fusion": false,\n  "pos-emb": "rotary",\n  "attention-config": [[["global"], 12]],\n  "optimizer": {"type": "Adam", "params": {"lr": 0.0006, "betas": [0.9, 0.95], "eps": 1.0e-8}},\n  "train_micro_batch_size_per_gpu": 32,\n  "fp16": {"enabled": true, "loss_scale": 0, "loss_scale_window": 1000},\n  "train-iters": 143000,\n  "save-interval": 1000,\n}\n'
        },
        expect="bias-gelu-fusion: True",
        name="gpt-neox-dashed-fusion-switch",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": 'import argparse\n\nimport torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel as DDP\n\n\ndef main(args):\n    dist.init_process_group("nccl")\n    device = dist.get_rank() % torch.cuda.device_count()\n    model = DDP(build_model().to(device), device_ids=[device])\n    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = model(x.to(device), y.to(device)).mean()\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n        torch.save(model.module.state_dict(), f"{args.results_dir}/{epoch:07d}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=1400)\n    parser.add_argument("--results-dir", type=str, default="results")\n    main(parser.parse_args())\n',
            "scripts/launch.sh": "#!/bin/bash\nmpiexec -n 8 python train.py --epochs 100 --results-dir results/edm\n",
        },
        {
            "train.py": 'import argparse\n\nimport torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel as DDP\n\n\ndef main(args):\n    dist.init_process_group("nccl")\n    device = dist.get_rank() % torch.cuda.device_count()\n    model = DDP(build_model().to(device), device_ids=[device])\n    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = model(x.to(device), y.to(device)).mean()\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n        torch.save(model.module.state_dict(), f"{args.results_dir}/{epoch:07d}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=1400)\n    parser.add_argument("--results-dir", type=str, default="results")\n    main(parser.parse_args())\n',
            "scripts/launch.sh": "#!/bin/bash\nmpiexec -n 1 python train.py --epochs 100 --results-dir results/edm\n",
        },
        expect="jobs request 8 GPUs (mpiexec -n 8",
        name="mpiexec-ranks-per-gpu",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": 'import argparse\n\nimport torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel as DDP\n\n\ndef main(args):\n    dist.init_process_group("nccl")\n    device = dist.get_rank() % torch.cuda.device_count()\n    model = DDP(build_model().to(device), device_ids=[device])\n    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = model(x.to(device), y.to(device)).mean()\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n        torch.save(model.module.state_dict(), f"{args.results_dir}/{epoch:07d}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=1400)\n    parser.add_argument("--results-dir", type=str, default="results")\n    main(parser.parse_args())\n',
            "README.md": "# Scalable Diffusion Models with Transformers\n\n## Training\n\nTo launch DiT-XL/2 (256x256) training with `N` GPUs on one node:\n\n```python\ntorchrun --nnodes=1 --nproc_per_node=8 train.py --model DiT-XL/2 --data-path /path/to/imagenet/train\n```\n",
        },
        {
            "train.py": 'import argparse\n\nimport torch\nimport torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel as DDP\n\n\ndef main(args):\n    dist.init_process_group("nccl")\n    device = dist.get_rank() % torch.cuda.device_count()\n    model = DDP(build_model().to(device), device_ids=[device])\n    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = model(x.to(device), y.to(device)).mean()\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n        torch.save(model.module.state_dict(), f"{args.results_dir}/{epoch:07d}.pt")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=1400)\n    parser.add_argument("--results-dir", type=str, default="results")\n    main(parser.parse_args())\n',
            "README.md": "# Scalable Diffusion Models with Transformers\n\n## Training\n\nTo launch DiT-XL/2 (256x256) training with `N` GPUs on one node:\n\n```python\ntorchrun --nnodes=1 --nproc_per_node=1 train.py --model DiT-XL/2 --data-path /path/to/imagenet/train\n```\n",
        },
        expect="jobs request 8 GPUs (torchrun",
        name="torchrun-in-readme-python-fence",
    ),
    RuleCase(
        "GT402",
        {
            "main.py": 'import torch\n\nfrom torch_geometric.graphgym.config import cfg\n\n\ndef train_epoch(loader, model, optimizer):\n    model.train()\n    for batch in loader:\n        batch.to(torch.device(cfg.accelerator))\n        pred, true = model(batch)\n        loss = torch.nn.functional.l1_loss(pred, true)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n\n\ndef main():\n    model = build_model()\n    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.optim.base_lr)\n    for cur_epoch in range(cfg.optim.max_epoch):\n        train_epoch(loader, model, optimizer)\n        torch.save(model.state_dict(), f"ckpt/{cur_epoch}.pt")\n',
            "run/wrapper.sb": "#!/bin/bash\n#SBATCH --job-name=gps\n#SBATCH --gres=gpu:1\n#SBATCH --time=24:00:00\npython main.py --cfg configs/zinc.yaml\n",
        },
        {
            "main.py": 'import torch\n\nfrom torch_geometric.graphgym.config import cfg\n\n\ndef train_epoch(loader, model, optimizer):\n    model.train()\n    for batch in loader:\n        batch.to(torch.device(cfg.accelerator))\n        pred, true = model(batch)\n        loss = torch.nn.functional.l1_loss(pred, true)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n\n\ndef main():\n    model = build_model()\n    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.optim.base_lr)\n    for cur_epoch in range(cfg.optim.max_epoch):\n        train_epoch(loader, model, optimizer)\n        torch.save(model.state_dict(), f"ckpt/{cur_epoch}.pt")\n',
            "run/wrapper.sb": "#!/bin/bash\n#SBATCH --job-name=gps\n#SBATCH --time=24:00:00\npython main.py --cfg configs/zinc.yaml\n",
        },
        expect="#SBATCH --gres=gpu:1",
        name="slurm-job-script-with-sb-extension",
    ),
    RuleCase(
        "GT404",
        {
            "scripts/run_train.py": 'import argparse\n\nimport torch\n\nfrom mace import tools\nfrom mace.tools.train import train\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--max_num_epochs", type=int, default=2048)\n    parser.add_argument("--checkpoints_dir", type=str, default="checkpoints")\n    args = parser.parse_args()\n    model = build_model().to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)\n    ckh = tools.CheckpointHandler(directory=args.checkpoints_dir, keep=False)\n    train(model=model, optimizer=optimizer, max_num_epochs=args.max_num_epochs, checkpoint_handler=ckh)\n',
            "mace/tools/train.py": 'import torch\n\n\ndef train(model, optimizer, max_num_epochs, checkpoint_handler=None):\n    for epoch in range(max_num_epochs):\n        for batch in loader:\n            loss = model(batch)["loss"]\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n',
        },
        {
            "scripts/run_train.py": 'import argparse\n\nimport torch\n\nfrom mace import tools\nfrom mace.tools.train import train\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--max_num_epochs", type=int, default=2048)\n    parser.add_argument("--checkpoints_dir", type=str, default="checkpoints")\n    args = parser.parse_args()\n    model = build_model().to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)\n    ckh = None\n    train(model=model, optimizer=optimizer, max_num_epochs=args.max_num_epochs, checkpoint_handler=ckh)\n',
            "mace/tools/train.py": 'import torch\n\n\ndef train(model, optimizer, max_num_epochs, checkpoint_handler=None):\n    for epoch in range(max_num_epochs):\n        for batch in loader:\n            loss = model(batch)["loss"]\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n',
        },
        expect="CheckpointHandler",
        name="mace-checkpoint-handler",
    ),
    RuleCase(
        "GT308",
        {
            "train.py": 'import hydra\nimport torch\nfrom omegaconf import DictConfig\n\n\n@hydra.main(version_base="1.3", config_path="conf", config_name="config")\ndef main(cfg: DictConfig) -> None:\n    model = MeshGraphNet(cfg.num_input_features, cfg.num_edge_features, cfg.num_output_features)\n    if cfg.jit:\n        model = torch.jit.script(model).to("cuda")\n    else:\n        model = model.to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)\n    for epoch in range(cfg.epochs):\n        for graph in dataloader:\n            loss = torch.nn.functional.mse_loss(model(graph.ndata["x"], graph.edata["x"], graph), graph.ndata["y"])\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n\n\nif __name__ == "__main__":\n    main()\n',
            "conf/config.yaml": "epochs: 25\nlr: 0.0001\njit: true\namp: false\nnum_input_features: 6\nnum_edge_features: 3\nnum_output_features: 3\n",
        },
        {
            "train.py": 'import hydra\nimport torch\nfrom omegaconf import DictConfig\n\n\n@hydra.main(version_base="1.3", config_path="conf", config_name="config")\ndef main(cfg: DictConfig) -> None:\n    model = MeshGraphNet(cfg.num_input_features, cfg.num_edge_features, cfg.num_output_features)\n    if cfg.jit:\n        model = torch.jit.script(model).to("cuda")\n    else:\n        model = model.to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)\n    for epoch in range(cfg.epochs):\n        for graph in dataloader:\n            loss = torch.nn.functional.mse_loss(model(graph.ndata["x"], graph.edata["x"], graph), graph.ndata["y"])\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n\n\nif __name__ == "__main__":\n    main()\n',
            "conf/config.yaml": "epochs: 25\nlr: 0.0001\njit: false\namp: false\nnum_input_features: 6\nnum_edge_features: 3\nnum_output_features: 3\n",
        },
        expect="torch.jit.script",
        name="torchscript-behind-config-switch-off",
    ),
    RuleCase(
        "GT406",
        {
            "main.py": "import argparse\nimport time\n\nimport numpy as np\nimport tensorflow as tf\n\nfrom model import Model\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--num_epochs', default=201, type=int)\nargs = parser.parse_args()\nmodel = Model(usernum, itemnum, args)\nsess = tf.Session()\nsess.run(tf.initialize_all_variables())\nfor epoch in range(1, args.num_epochs + 1):\n    for step in range(num_batch):\n        auc, loss, _ = sess.run([model.auc, model.loss, model.train_op], {model.u: u, model.input_seq: seq})\n    if epoch % 20 == 0:\n        print('epoch:%d, time: %f(s), valid (NDCG@10: %.4f, HR@10: %.4f)' % (\n            epoch, T, t_valid[0], t_valid[1]))\n",
            "model.py": "from modules import *\n\n\nclass Model:\n    def __init__(self, usernum, itemnum, args):\n        self.u = tf.placeholder(tf.int32, shape=(None))\n        self.loss = build_loss(self.u)\n        self.optimizer = tf.train.AdamOptimizer(learning_rate=args.lr, beta2=0.98)\n        self.train_op = self.optimizer.minimize(self.loss, global_step=self.global_step)\n",
            "modules.py": 'import tensorflow as tf\n\n\ndef embedding(inputs, vocab_size, num_units):\n    return tf.nn.embedding_lookup(tf.get_variable("lookup_table", [vocab_size, num_units]), inputs)\n',
        },
        {
            "main.py": "import argparse\nimport time\n\nimport numpy as np\nimport tensorflow as tf\n\nfrom model import Model\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--num_epochs', default=201, type=int)\nargs = parser.parse_args()\nmodel = Model(usernum, itemnum, args)\nsess = tf.Session()\nsess.run(tf.initialize_all_variables())\nfor epoch in range(1, args.num_epochs + 1):\n    for step in range(num_batch):\n        auc, loss, _ = sess.run([model.auc, model.loss, model.train_op], {model.u: u, model.input_seq: seq})\n    if epoch % 20 == 0:\n        saver.save(sess, 'ckpt/model', global_step=epoch)\n        print('epoch:%d, time: %f(s), valid (NDCG@10: %.4f, HR@10: %.4f)' % (\n            epoch, T, t_valid[0], t_valid[1]))\n",
            "model.py": "from modules import *\n\n\nclass Model:\n    def __init__(self, usernum, itemnum, args):\n        self.u = tf.placeholder(tf.int32, shape=(None))\n        self.loss = build_loss(self.u)\n        self.optimizer = tf.train.AdamOptimizer(learning_rate=args.lr, beta2=0.98)\n        self.train_op = self.optimizer.minimize(self.loss, global_step=self.global_step)\n",
            "modules.py": 'import tensorflow as tf\n\n\ndef embedding(inputs, vocab_size, num_units):\n    return tf.nn.embedding_lookup(tf.get_variable("lookup_table", [vocab_size, num_units]), inputs)\n',
        },
        expect="201",
        name="tf1-minimize-through-a-star-import",
    ),
    RuleCase(
        "GT302",
        {
            "NGCF/NGCF.py": 'import tensorflow as tf\n\nfrom utility.helper import early_stopping\n\nmodel = NGCF(data_config=config)\nsess = tf.Session()\nfor epoch in range(args.epoch):\n    for idx in range(n_batch):\n        _, batch_loss = sess.run([model.opt, model.loss], feed_dict=feed)\n        loss_batch = model.optimizer.minimize(model.loss)\n    cur_best, stopping_step, should_stop = early_stopping(ret["recall"][0], cur_best, stopping_step, flag_step=5)\n    if should_stop == True:\n        break\n'
        },
        {
            "NGCF/NGCF.py": 'import tensorflow as tf\n\nfrom utility.helper import early_stopping\n\nmodel = NGCF(data_config=config)\nsess = tf.Session()\nfor epoch in range(args.epoch):\n    for idx in range(n_batch):\n        _, batch_loss = sess.run([model.opt, model.loss], feed_dict=feed)\n        loss_batch = model.optimizer.minimize(model.loss)\n    cur_best, stopping_step, should_stop = early_stopping(ret["recall"][0], cur_best, stopping_step, flag_step=5)\n    print(should_stop)\n'
        },
        expect="should_stop",
        name="early-stop-flag-from-a-helper",
    ),
    RuleCase(
        "GT302",
        {
            "NGCF/NGCF.py": 'import tensorflow as tf\n\nfrom utility.helper import early_stopping\n\nmodel = NGCF(data_config=config)\nsess = tf.Session()\nfor epoch in range(args.epoch):\n    for idx in range(n_batch):\n        _, batch_loss = sess.run([model.opt, model.loss], feed_dict=feed)\n        loss_batch = model.optimizer.minimize(model.loss)\n    cur_best, stopping_step, should_stop = early_stopping(ret["recall"][0], cur_best, stopping_step, flag_step=5)\n    if should_stop:\n        break\n'
        },
        {
            "NGCF/NGCF.py": 'import tensorflow as tf\n\nfrom utility.helper import early_stopping\n\nmodel = NGCF(data_config=config)\nsess = tf.Session()\nfor epoch in range(args.epoch):\n    for idx in range(n_batch):\n        _, batch_loss = sess.run([model.opt, model.loss], feed_dict=feed)\n        loss_batch = model.optimizer.minimize(model.loss)\n    cur_best, stopping_step, should_stop = early_stopping(ret["recall"][0], cur_best, stopping_step, flag_step=5)\n    print(should_stop)\n'
        },
        expect="should_stop set",
        name="early-stop-bare-flag-from-a-helper",
    ),
    RuleCase(
        "GT304",
        {
            "model.py": 'import argparse\n\nfrom tensorflow import keras\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--conv1_size", type=int, default=32)\nparser.add_argument("--dropout", type=float, default=0.2)\nparser.add_argument("--optimizer", type=str, default="adam")\nargs = parser.parse_args()\nmodel = keras.Sequential([keras.layers.Conv2D(args.conv1_size, 3), keras.layers.Dropout(args.dropout), keras.layers.Dense(10)])\nmodel.compile(optimizer=args.optimizer, loss="sparse_categorical_crossentropy")\nmodel.fit(x_train, y_train, epochs=10)\n',
            "polyaxonfile_hyperparams_grid.yml": "version: 1.1\nkind: operation\nmatrix:\n  kind: grid\n  params:\n    conv1_size:\n      kind: choice\n      value: [32, 64, 128]\n    dropout:\n      kind: choice\n      value: [0.2, 0.35, 0.5, 0.8]\n    epochs:\n      kind: range\n      value: 10:600:50\npathRef: ./polyaxonfile.yml\n",
        },
        {
            "model.py": 'import argparse\n\nfrom tensorflow import keras\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--conv1_size", type=int, default=32)\nparser.add_argument("--dropout", type=float, default=0.2)\nparser.add_argument("--optimizer", type=str, default="adam")\nargs = parser.parse_args()\nmodel = keras.Sequential([keras.layers.Conv2D(args.conv1_size, 3), keras.layers.Dropout(args.dropout), keras.layers.Dense(10)])\nmodel.compile(optimizer=args.optimizer, loss="sparse_categorical_crossentropy")\nmodel.fit(x_train, y_train, epochs=10)\n',
            "polyaxonfile_hyperparams_grid.yml": "version: 1.1\nkind: operation\nmatrix:\n  kind: random\n  numRuns: 20\n  params:\n    conv1_size:\n      kind: choice\n      value: [32, 64, 128]\n    dropout:\n      kind: choice\n      value: [0.2, 0.35, 0.5, 0.8]\n    epochs:\n      kind: range\n      value: 10:600:50\npathRef: ./polyaxonfile.yml\n",
        },
        expect="3 × 4 × 12 = 144 full runs",
        name="polyaxon-grid-matrix",
    ),
    RuleCase(
        "GT301",
        {
            "model.py": 'import argparse\n\nfrom tensorflow import keras\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--conv1_size", type=int, default=32)\nparser.add_argument("--dropout", type=float, default=0.2)\nparser.add_argument("--optimizer", type=str, default="adam")\nargs = parser.parse_args()\nmodel = keras.Sequential([keras.layers.Conv2D(args.conv1_size, 3), keras.layers.Dropout(args.dropout), keras.layers.Dense(10)])\nmodel.compile(optimizer=args.optimizer, loss="sparse_categorical_crossentropy")\nmodel.fit(x_train, y_train, epochs=10)\n',
            "polyaxonfile_hyperparams_random.yml": "version: 1.1\nkind: operation\nmatrix:\n  kind: random\n  numRuns: 20\n  params:\n    conv1_size:\n      kind: choice\n      value: [32, 64, 128]\n    dropout:\n      kind: choice\n      value: [0.2, 0.35, 0.5, 0.8]\n    epochs:\n      kind: range\n      value: 10:600:50\npathRef: ./polyaxonfile.yml\n",
        },
        {
            "model.py": 'import argparse\n\nfrom tensorflow import keras\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--conv1_size", type=int, default=32)\nparser.add_argument("--dropout", type=float, default=0.2)\nparser.add_argument("--optimizer", type=str, default="adam")\nargs = parser.parse_args()\nmodel = keras.Sequential([keras.layers.Conv2D(args.conv1_size, 3), keras.layers.Dropout(args.dropout), keras.layers.Dense(10)])\nmodel.compile(optimizer=args.optimizer, loss="sparse_categorical_crossentropy")\nmodel.fit(x_train, y_train, epochs=10)\n',
            "polyaxonfile_hyperparams_random.yml": "version: 1.1\nkind: operation\nmatrix:\n  kind: grid\n  params:\n    conv1_size:\n      kind: choice\n      value: [32, 64, 128]\n    dropout:\n      kind: choice\n      value: [0.2, 0.35, 0.5, 0.8]\n    epochs:\n      kind: range\n      value: 10:600:50\npathRef: ./polyaxonfile.yml\n",
        },
        expect="matrix.numRuns: 20",
        name="polyaxon-random-matrix-runs",
    ),
    RuleCase(
        "GT603",
        {
            "pipeline.py": 'from clearml import TaskTypes\nfrom clearml.automation.controller import PipelineDecorator\n\n\n@PipelineDecorator.component(return_values=["model"], cache=True, task_type=TaskTypes.training)\ndef step_three(data):\n    from sklearn.linear_model import LogisticRegression\n    model = LogisticRegression(solver="liblinear", multi_class="auto")\n    model.fit(data[0], data[2])\n    return model\n\n\n@PipelineDecorator.pipeline(name="custom pipeline logic", project="examples", version="0.0.5")\ndef executing_pipeline(pickle_url):\n    return step_three(pickle_url)\n'
        },
        {
            "pipeline.py": 'from clearml import TaskTypes\nfrom clearml.automation.controller import PipelineDecorator\n\n\n@PipelineDecorator.component(return_values=["model"], cache=False, task_type=TaskTypes.training)\ndef step_three(data):\n    from sklearn.linear_model import LogisticRegression\n    model = LogisticRegression(solver="liblinear", multi_class="auto")\n    model.fit(data[0], data[2])\n    return model\n\n\n@PipelineDecorator.pipeline(name="custom pipeline logic", project="examples", version="0.0.5")\ndef executing_pipeline(pickle_url):\n    return step_three(pickle_url)\n'
        },
        expect="ClearML component(cache=True)",
        name="clearml-cached-pipeline-step",
    ),
    RuleCase(
        "GT505",
        {
            "drivers/run_ann.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\nfrom transformers import RobertaModel\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", default="roberta-base")\n    parser.add_argument("--local_rank", type=int, default=-1)\n    args = parser.parse_args()\n    torch.distributed.init_process_group(backend="nccl")\n    model = RobertaModel.from_pretrained(args.model_name_or_path).to(args.local_rank)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)\n    for step, batch in enumerate(DataLoader(dataset, batch_size=8, num_workers=4)):\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
            "commands/run_train.sh": 'gpu_no=4\ntrain_cmd="python -m torch.distributed.launch --nproc_per_node=$gpu_no drivers/run_ann.py --model_name_or_path roberta-base --learning_rate 1e-5"\necho $train_cmd\neval $train_cmd\n',
        },
        {
            "drivers/run_ann.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\nfrom transformers import RobertaModel\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", default="roberta-base")\n    parser.add_argument("--local_rank", type=int, default=-1)\n    args = parser.parse_args()\n    torch.distributed.init_process_group(backend="nccl")\n    model = RobertaModel.from_pretrained(args.model_name_or_path).to(args.local_rank)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)\n    for step, batch in enumerate(DataLoader(dataset, batch_size=8, num_workers=4)):\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
            "commands/run_train.sh": 'gpu_no=1\ntrain_cmd="python -m torch.distributed.launch --nproc_per_node=$gpu_no drivers/run_ann.py --model_name_or_path roberta-base --learning_rate 1e-5"\necho $train_cmd\neval $train_cmd\n',
        },
        expect="jobs request 4 GPUs (eval $train_cmd)",
        name="launch-run-through-eval-of-a-variable",
    ),
    RuleCase(
        "GT505",
        {
            "drivers/run_ann.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\nfrom transformers import RobertaModel\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", default="roberta-base")\n    parser.add_argument("--local_rank", type=int, default=-1)\n    args = parser.parse_args()\n    torch.distributed.init_process_group(backend="nccl")\n    model = RobertaModel.from_pretrained(args.model_name_or_path).to(args.local_rank)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)\n    for step, batch in enumerate(DataLoader(dataset, batch_size=8, num_workers=4)):\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
            "commands/run_train.sh": "nohup torchrun --nproc_per_node=8 drivers/run_ann.py --model_name_or_path roberta-base --learning_rate 1e-5 > train.log 2>&1 &\n",
        },
        {
            "drivers/run_ann.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\nfrom transformers import RobertaModel\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--model_name_or_path", default="roberta-base")\n    parser.add_argument("--local_rank", type=int, default=-1)\n    args = parser.parse_args()\n    torch.distributed.init_process_group(backend="nccl")\n    model = RobertaModel.from_pretrained(args.model_name_or_path).to(args.local_rank)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)\n    for step, batch in enumerate(DataLoader(dataset, batch_size=8, num_workers=4)):\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n        optimizer.zero_grad()\n\n\nif __name__ == "__main__":\n    main()\n',
            "commands/run_train.sh": "nohup torchrun --nproc_per_node=1 drivers/run_ann.py --model_name_or_path roberta-base --learning_rate 1e-5 > train.log 2>&1 &\n",
        },
        expect="jobs request 8 GPUs (nohup torchrun",
        name="launch-under-nohup",
    ),
    RuleCase(
        "GT203",
        {
            "experiments/boolq.yaml": "plm:\n  model_name: roberta\n  model_path: roberta-large\n  optimize:\n    freeze_para: False\n    lr: 0.00003\ntrain:\n  num_epochs: 5\n",
            "experiments/cli.py": "import torch\nfrom openprompt.plms import load_plm\nfrom openprompt.config import get_config\n\nconfig = get_config()\nplm, tokenizer, model_config, WrapperClass = load_plm(config.plm.model_name, config.plm.model_path)\noptimizer = torch.optim.AdamW(plm.parameters(), lr=config.plm.optimize.lr)\nfor epoch in range(config.train.num_epochs):\n    for batch in loader:\n        loss = plm(**batch).loss\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "experiments/boolq.yaml": "plm:\n  model_name: roberta\n  model_path: roberta-base\n  optimize:\n    freeze_para: False\n    lr: 0.00003\ntrain:\n  num_epochs: 5\n",
            "experiments/cli.py": "import torch\nfrom openprompt.plms import load_plm\nfrom openprompt.config import get_config\n\nconfig = get_config()\nplm, tokenizer, model_config, WrapperClass = load_plm(config.plm.model_name, config.plm.model_path)\noptimizer = torch.optim.AdamW(plm.parameters(), lr=config.plm.optimize.lr)\nfor epoch in range(config.train.num_epochs):\n    for batch in loader:\n        loss = plm(**batch).loss\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="roberta-large",
        name="model-path-key-naming-a-hub-model",
        extra_negatives=(
            {
                "experiments/boolq.yaml": "plm:\n  model_name: roberta\n  model_path: checkpoints/roberta-large.pt\n  optimize:\n    freeze_para: False\n    lr: 0.00003\ntrain:\n  num_epochs: 5\n",
                "experiments/cli.py": "import torch\nfrom openprompt.plms import load_plm\nfrom openprompt.config import get_config\n\nconfig = get_config()\nplm, tokenizer, model_config, WrapperClass = load_plm(config.plm.model_name, config.plm.model_path)\noptimizer = torch.optim.AdamW(plm.parameters(), lr=config.plm.optimize.lr)\nfor epoch in range(config.train.num_epochs):\n    for batch in loader:\n        loss = plm(**batch).loss\n        loss.backward()\n        optimizer.step()\n",
            },
        ),
    ),
    RuleCase(
        "GT407",
        {
            "simcse/trainers.py": "import torch\nfrom torch.utils.data import DataLoader\nfrom transformers import Trainer\n\n\nclass CLTrainer(Trainer):\n    def train(self, model_path=None):\n        train_dataloader = self.get_train_dataloader()\n        model = self.model\n        for epoch in range(int(self.args.num_train_epochs)):\n            for step, inputs in enumerate(train_dataloader):\n                tr_loss = self.training_step(model, inputs)\n                if (step + 1) % self.args.gradient_accumulation_steps == 0:\n                    self.optimizer.step()\n                    model.zero_grad()\n",
            "run_sup_example.sh": "python train.py --gradient_accumulation_steps 4\n",
        },
        {
            "simcse/trainers.py": "import torch\nfrom torch.utils.data import DataLoader\nfrom transformers import Trainer\n\n\nclass CLTrainer(Trainer):\n    def train(self, model_path=None):\n        train_dataloader = self.get_train_dataloader()\n        model = self.model\n        for epoch in range(int(self.args.num_train_epochs)):\n            for step, inputs in enumerate(train_dataloader):\n                tr_loss = self.training_step(model, inputs)\n                if (step + 1) % self.args.gradient_accumulation_steps == 0:\n                    self.optimizer.step()\n                    model.zero_grad()\n",
            "run_sup_example.sh": "python train.py --num_train_epochs 3\n",
        },
        expect="gradient_accumulation_steps",
        name="hugging-face-accumulation-guard-left-at-its-default",
    ),
    RuleCase(
        "GT505",
        {
            "main.py": 'import argparse\n\nimport torch\n\nimport utils\n\n\ndef main(args):\n    model = build_model(args).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)\n    for epoch in range(args.epochs):\n        for samples, targets in data_loader_train:\n            loss = model(samples.cuda(), targets)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n        utils.save_on_master({"model": model.state_dict(), "epoch": epoch}, f"{args.output_dir}/checkpoint.pth")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--lr", default=1e-4, type=float)\n    parser.add_argument("--epochs", default=150, type=int)\n    parser.add_argument("--output_dir", default="")\n    main(parser.parse_args())\n',
            "README.md": "# YOLOS\n\n## Training\n\nTo train the `YOLOS-Ti` model in the paper, run this command:\n\n```train\npython -m torch.distributed.launch --nproc_per_node=8 --use_env main.py --coco_path /path/to/coco --batch_size 2 --lr 5e-5 --epochs 300 --output_dir /output/path/box_model\n```\n",
        },
        {
            "main.py": 'import argparse\n\nimport torch\n\nimport utils\n\n\ndef main(args):\n    model = build_model(args).to("cuda")\n    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)\n    for epoch in range(args.epochs):\n        for samples, targets in data_loader_train:\n            loss = model(samples.cuda(), targets)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n        utils.save_on_master({"model": model.state_dict(), "epoch": epoch}, f"{args.output_dir}/checkpoint.pth")\n\n\nif __name__ == "__main__":\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--lr", default=1e-4, type=float)\n    parser.add_argument("--epochs", default=150, type=int)\n    parser.add_argument("--output_dir", default="")\n    main(parser.parse_args())\n',
            "README.md": "# YOLOS\n\n## Training\n\nTo train the `YOLOS-Ti` model in the paper, run this command:\n\n```train\npython -m torch.distributed.launch --nproc_per_node=1 --use_env main.py --coco_path /path/to/coco --batch_size 2 --lr 5e-5 --epochs 300 --output_dir /output/path/box_model\n```\n",
        },
        expect="jobs request 8 GPUs",
        name="readme-fence-labelled-train",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": 'import argparse\n\nfrom modeling.deeplab import *\n\n\nclass Trainer(object):\n    def __init__(self, args):\n        self.model = DeepLab(num_classes=21, backbone=args.backbone)\n        self.optimizer = torch.optim.SGD(self.model.parameters(), momentum=0.9, lr=args.lr)\n        self.model = torch.nn.DataParallel(self.model, device_ids=args.gpu_ids)\n        self.model = self.model.cuda()\n\n    def training(self, epoch):\n        self.model.train()\n        for i, sample in enumerate(self.train_loader):\n            image, target = sample["image"].cuda(), sample["label"].cuda()\n            self.optimizer.zero_grad()\n            loss = self.criterion(self.model(image), target)\n            loss.backward()\n            self.optimizer.step()\n',
            "modeling/deeplab.py": 'import torch\nimport torch.nn as nn\n\n\nclass DeepLab(nn.Module):\n    def __init__(self, num_classes=21, backbone="resnet"):\n        super().__init__()\n        self.head = nn.Conv2d(256, num_classes, 1)\n',
        },
        {
            "train.py": 'import argparse\n\nfrom modeling.deeplab import *\n\n\nclass Trainer(object):\n    def __init__(self, args):\n        self.model = DeepLab(num_classes=21, backbone=args.backbone)\n        self.optimizer = torch.optim.SGD(self.model.parameters(), momentum=0.9, lr=args.lr)\n        self.model = torch.nn.DataParallel(self.model, device_ids=args.gpu_ids)\n        self.model = self.model.cuda()\n\n    def training(self, epoch):\n        self.model.train()\n        for i, sample in enumerate(self.train_loader):\n            image, target = sample["image"].cuda(), sample["label"].cuda()\n            self.optimizer.zero_grad()\n            with torch.autocast(device_type="cuda", dtype=torch.bfloat16):\n                loss = self.criterion(self.model(image), target)\n            loss.backward()\n            self.optimizer.step()\n',
            "modeling/deeplab.py": 'import torch\nimport torch.nn as nn\n\n\nclass DeepLab(nn.Module):\n    def __init__(self, num_classes=21, backbone="resnet"):\n        super().__init__()\n        self.head = nn.Conv2d(256, num_classes, 1)\n',
        },
        expect="self.model.cuda()",
        name="torch-through-a-star-import",
    ),
    RuleCase(
        "GT313",
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    teacher = create_model(args.kd_teacher).cuda()\n    dlw = distiller.DistillationLossWeights(args.kd_distill_wt, args.kd_student_wt, args.kd_teacher_wt)\n    kd_policy = distiller.KnowledgeDistillationPolicy(model, teacher, args.kd_temp, dlw)\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n"
        },
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    pass\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n"
        },
        expect="KnowledgeDistillationPolicy",
        name="distiller-kd-policy-not-the-import",
    ),
    RuleCase(
        "GT313",
        {
            "main.py": 'import torch\nfrom neural_compressor.config import DistillationConfig, KnowledgeDistillationLossConfig\nfrom neural_compressor.training import prepare_compression\n\nstudent = build_student().cuda()\nteacher = build_teacher().cuda()\ncriterion = KnowledgeDistillationLossConfig(temperature=2.0, loss_types=["CE", "KL"])\ncompression_manager = prepare_compression(student, DistillationConfig(teacher, criterion))\noptimizer = torch.optim.SGD(student.parameters(), lr=0.1)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(student(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "main.py": "import torch\nfrom neural_compressor.config import DistillationConfig, KnowledgeDistillationLossConfig\nfrom neural_compressor.training import prepare_compression\n\nstudent = build_student().cuda()\nteacher = build_teacher().cuda()\ncriterion = None\noptimizer = torch.optim.SGD(student.parameters(), lr=0.1)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(student(x.cuda()), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="KnowledgeDistillationLossConfig()",
        name="neural-compressor-distillation-config",
    ),
    RuleCase(
        "GT310",
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    pass\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n",
            "schedules/agp.yaml": "version: 1\npruners:\n  fine_pruner:\n    class: AutomatedGradualPruner\n    initial_sparsity: 0.05\n    final_sparsity: 0.70\n    weights: [module.layer2.0.conv1.weight, module.layer3.0.conv1.weight]\npolicies:\n  - pruner:\n      instance_name: fine_pruner\n    starting_epoch: 0\n    ending_epoch: 30\n    frequency: 2\n",
        },
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    pass\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n",
            "schedules/agp.yaml": "version: 1\npruners:\n  fine_pruner:\n    class: AutomatedGradualRegularizer\n    initial_sparsity: 0.05\n    final_sparsity: 0.70\n    weights: [module.layer2.0.conv1.weight, module.layer3.0.conv1.weight]\npolicies:\n  - pruner:\n      instance_name: fine_pruner\n    starting_epoch: 0\n    ending_epoch: 30\n    frequency: 2\n",
        },
        expect="pruners.fine_pruner.class: AutomatedGradualPruner",
        name="distiller-pruning-schedule",
    ),
    RuleCase(
        "GT401",
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    pass\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n",
            "schedules/pact.yaml": "quantizers:\n  pact_quantizer:\n    class: PACTQuantizer\n    act_clip_init_val: 8.0\n    bits_activations: 4\n    bits_weights: 4\npolicies:\n  - quantizer:\n      instance_name: pact_quantizer\n    starting_epoch: 0\n    ending_epoch: 200\n    frequency: 1\n",
        },
        {
            "compress_classifier.py": "import torch\n\nimport distiller\nfrom distiller.data_loggers import collect_quant_stats\n\n\ndef main(args):\n    model = create_model(args.arch).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    pass\n    compression_scheduler = distiller.file_config(model, optimizer, args.compress)\n    for epoch in range(args.epochs):\n        for inputs, target in train_loader:\n            loss = torch.nn.functional.cross_entropy(model(inputs.cuda()), target.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n",
            "schedules/pact.yaml": "quantizers:\n  pact_quantizer:\n    class: PACTQuantizer\n    act_clip_init_val: 8.0\n    bits_activations: 32\n    bits_weights: 32\npolicies:\n  - quantizer:\n      instance_name: pact_quantizer\n    starting_epoch: 0\n    ending_epoch: 200\n    frequency: 1\n",
        },
        expect="quantizers.pact_quantizer.bits_activations: 4",
        name="distiller-quantization-aware-schedule",
    ),
    RuleCase(
        "GT308",
        {
            "bin/model.py": 'import torch\n\n\ndef main(config):\n    model = Model(**config["model"]).to("cuda")\n    if config.get("compile", False):\n        model = torch.compile(model)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])\n    for epoch in range(100):\n        for batch in loader:\n            loss = model(batch).mean()\n            loss.backward()\n            optimizer.step()\n',
            "exp/0.toml": "lr = 0.001\ncompile = true\n",
        },
        {
            "bin/model.py": 'import torch\n\n\ndef main(config):\n    model = Model(**config["model"]).to("cuda")\n    if config.get("compile", False):\n        model = torch.compile(model)\n    optimizer = torch.optim.AdamW(model.parameters(), lr=config["lr"])\n    for epoch in range(100):\n        for batch in loader:\n            loss = model(batch).mean()\n            loss.backward()\n            optimizer.step()\n',
            "exp/0.toml": "lr = 0.001\n",
        },
        expect="torch.compile",
        name="compile-behind-config-get-default-false",
    ),
    RuleCase(
        "GT208",
        {
            "features.py": 'import numpy as np\n\n\ndef add_features(dataset, extra):\n    for part in ("train", "val", "test"):\n        dataset["x"] = np.column_stack([dataset["x"], extra[part]])\n    return dataset\n'
        },
        {
            "features.py": 'import numpy as np\n\n\ndef add_features(dataset, extra):\n    for part in ("train", "val", "test"):\n        dataset[part] = np.column_stack([dataset[part], extra[part]])\n    return dataset\n'
        },
        expect="np.column_stack()",
        name="stack-per-loop-key-is-not-growth",
    ),
    RuleCase(
        "GT505",
        {
            "train.py": 'import argparse\n\nimport torch\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--batch_size", type=int, default=32)\n    parser.add_argument("--epochs", type=int, default=100)\n    args = parser.parse_args()\n    model = build().cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = torch.nn.functional.ctc_loss(model(x.cuda()), y, 1, 1)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n',
            "scripts/train.sh": '#!/bin/bash\n: ${NUM_8:=8}\n: ${DISTRIBUTED:="-m torch.distributed.launch --nproc_per_node=$NUM_8"}\n: ${BATCH_SIZE:=64}\npython $DISTRIBUTED train.py --batch_size $BATCH_SIZE --epochs 260\n',
        },
        {
            "train.py": 'import argparse\n\nimport torch\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--batch_size", type=int, default=32)\n    parser.add_argument("--epochs", type=int, default=100)\n    args = parser.parse_args()\n    model = build().cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(args.epochs):\n        for x, y in loader:\n            loss = torch.nn.functional.ctc_loss(model(x.cuda()), y, 1, 1)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n',
            "scripts/train.sh": '#!/bin/bash\n: ${NUM_1:=1}\n: ${DISTRIBUTED:="-m torch.distributed.launch --nproc_per_node=$NUM_1"}\n: ${BATCH_SIZE:=64}\npython $DISTRIBUTED train.py --batch_size $BATCH_SIZE --epochs 260\n',
        },
        expect="jobs request 8 GPUs",
        name="shell-colon-default-assignments",
    ),
    RuleCase(
        "GT509",
        {
            "common/dataset.py": 'import torch\nfrom torch.utils.data import DataLoader\nfrom torch.utils.data.distributed import DistributedSampler\n\n\ndef get_data_loader(dataset, batch_size, num_workers=4):\n    kw = {"dataset": dataset, "pin_memory": True}\n    return DataLoader(batch_size=batch_size, sampler=DistributedSampler(dataset), **kw)\n\n\ndef train(model, dataset, optimizer):\n    model = model.cuda()\n    for x, y in get_data_loader(dataset, 64):\n        loss = model(x.cuda(), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "common/dataset.py": 'import torch\nfrom torch.utils.data import DataLoader\nfrom torch.utils.data.distributed import DistributedSampler\n\n\ndef get_data_loader(dataset, batch_size, num_workers=4):\n    kw = {"dataset": dataset, "num_workers": num_workers, "pin_memory": True}\n    return DataLoader(batch_size=batch_size, sampler=DistributedSampler(dataset), **kw)\n\n\ndef train(model, dataset, optimizer):\n    model = model.cuda()\n    for x, y in get_data_loader(dataset, 64):\n        loss = model(x.cuda(), y.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="num_workers not set",
        name="dataloader-kwargs-dict-with-workers-variable",
    ),
    RuleCase(
        "GT314",
        {
            "CTGAN/tune_tvae.py": 'import optuna\n\nfrom train_sample_tvae import train_tvae\n\n\ndef objective(trial):\n    epochs = trial.suggest_categorical("epochs", [5000, 20000, 30000])\n    lr = trial.suggest_loguniform("lr", 0.00001, 0.003)\n    return train_tvae(epochs=epochs, lr=lr)\n\n\nstudy = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))\nstudy.optimize(objective, n_trials=50, show_progress_bar=True)\n',
            "CTGAN/train_sample_tvae.py": 'import torch\n\n\ndef train_tvae(epochs, lr):\n    model = TVAE().to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n    for epoch in range(epochs):\n        for batch in loader:\n            loss = model.loss(batch.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n    pass\n    return score(model)\n',
        },
        {
            "CTGAN/tune_tvae.py": 'import optuna\n\nfrom train_sample_tvae import train_tvae\n\n\ndef objective(trial):\n    epochs = trial.suggest_categorical("epochs", [5000, 20000, 30000])\n    lr = trial.suggest_loguniform("lr", 0.00001, 0.003)\n    return train_tvae(epochs=epochs, lr=lr)\n\n\nstudy = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))\nstudy.optimize(objective, n_trials=50, show_progress_bar=True)\n',
            "CTGAN/train_sample_tvae.py": 'import torch\n\n\ndef train_tvae(epochs, lr):\n    model = TVAE().to("cuda")\n    optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n    stopper = EarlyStopping(patience=16)\n    for epoch in range(epochs):\n        for batch in loader:\n            loss = model.loss(batch.cuda())\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n    pass\n    return score(model)\n',
        },
        expect="study.optimize(objective, n_trials=50)",
        name="objective-trains-in-an-imported-module",
    ),
    RuleCase(
        "GT402",
        {
            "src/baseline_main.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--gpu", default=None, help="GPU id to use, e.g. 0")\nparser.add_argument("--epochs", type=int, default=10)\nargs = parser.parse_args()\nif args.gpu:\n    torch.cuda.set_device(int(args.gpu))\ndevice = "cuda" if args.gpu else "cpu"\nmodel = build_model().to(device)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\ntrainloader = DataLoader(train_dataset, batch_size=64, shuffle=True, num_workers=4)\nfor epoch in range(args.epochs):\n    for images, labels in trainloader:\n        loss = torch.nn.functional.nll_loss(model(images.to(device)), labels.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "README.md": "# Federated Learning (PyTorch)\n\nRun the baseline on a GPU:\n\n```bash\npython src/baseline_main.py --model=mlp --dataset=mnist --gpu=0 --epochs=10\n```\n",
        },
        {
            "src/baseline_main.py": 'import argparse\n\nimport torch\nfrom torch.utils.data import DataLoader\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--gpu", default=None, help="GPU id to use, e.g. 0")\nparser.add_argument("--epochs", type=int, default=10)\nargs = parser.parse_args()\nif args.gpu:\n    torch.cuda.set_device(int(args.gpu))\ndevice = "cuda" if args.gpu else "cpu"\nmodel = build_model().to(device)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\ntrainloader = DataLoader(train_dataset, batch_size=64, shuffle=True, num_workers=4)\nfor epoch in range(args.epochs):\n    for images, labels in trainloader:\n        loss = torch.nn.functional.nll_loss(model(images.to(device)), labels.to(device))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "README.md": "# Federated Learning (PyTorch)\n\nRun the baseline on a GPU:\n\n```bash\npython src/baseline_main.py --model=mlp --dataset=mnist --epochs=10\n```\n",
        },
        expect="torch.cuda.set_device()",
        name="cuda-set-device-behind-a-launched-option",
    ),
    RuleCase(
        "GT509",
        {
            "main.py": 'import torch\nfrom torch.utils.data import DataLoader\n\n\ndef train(args):\n    train_loader = DataLoader(ModelNet40(partition="train"), num_workers=8, batch_size=32, shuffle=True)\n    model = DGCNN(args).to("cuda")\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(250):\n        for data, label in train_loader:\n            loss = cal_loss(model(data.cuda()), label.cuda())\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n\n\ndef sample_shapes(args):\n    test_loader = DataLoader(ModelNet40(partition="test"), batch_size=16, shuffle=True)\n    model = DGCNN(args).to("cuda")\n    model.eval()\n    for data, label in test_loader:\n        logits = model(data.cuda())\n'
        },
        {
            "main.py": 'import torch\nfrom torch.utils.data import DataLoader\n\n\ndef train(args):\n    train_loader = DataLoader(ModelNet40(partition="train"), num_workers=8, batch_size=32, shuffle=True)\n    model = DGCNN(args).to("cuda")\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    for epoch in range(250):\n        for data, label in train_loader:\n            loss = cal_loss(model(data.cuda()), label.cuda())\n            opt.zero_grad()\n            loss.backward()\n            opt.step()\n\n\ndef test(args):\n    test_loader = DataLoader(ModelNet40(partition="test"), batch_size=16, shuffle=True)\n    model = DGCNN(args).to("cuda")\n    model.eval()\n    for data, label in test_loader:\n        logits = model(data.cuda())\n'
        },
        expect="num_workers not set",
        name="shuffled-loader-in-an-evaluation-function",
    ),
    RuleCase(
        "GT208",
        {
            "sampling.py": "import numpy as np\n\n\ndef mnist_noniid(dataset, num_users):\n    dict_users = {i: np.array([]) for i in range(num_users)}\n    idxs = np.arange(60000)\n    for i in range(num_users):\n        rand_set = set(np.random.choice(idx_shard, 2, replace=False))\n        for rand in rand_set:\n            dict_users[i] = np.concatenate((dict_users[i], idxs[rand * 300:(rand + 1) * 300]), axis=0)\n    return dict_users\n"
        },
        {
            "sampling.py": "import numpy as np\n\n\ndef mnist_noniid(dataset, num_users):\n    dict_users = {i: np.array([]) for i in range(num_users)}\n    idxs = np.arange(60000)\n    for i in range(num_users):\n        dict_users[i] = np.concatenate((dict_users[i], idxs[i * 300:(i + 1) * 300]), axis=0)\n    return dict_users\n"
        },
        expect="dict_users[i]",
        name="keyed-array-grown-in-an-inner-loop",
    ),
    RuleCase(
        "GT606",
        {
            "vivit/train_utils.py": 'import functools\n\nimport jax\nimport jax.numpy as jnp\n\n\ndef train_step(train_state, batch, *, flax_model, learning_rate_fn, loss_fn):\n    def training_loss_fn(params):\n        logits, new_model_state = flax_model.apply({"params": params}, batch["inputs"], mutable=["batch_stats"])\n        return loss_fn(logits, batch), new_model_state\n\n    (train_cost, new_model_state), grad = jax.value_and_grad(training_loss_fn, has_aux=True)(train_state.optimizer.target)\n    grad = jax.lax.pmean(grad, axis_name="batch")\n    new_optimizer = train_state.optimizer.apply_gradient(grad, learning_rate=learning_rate_fn(0))\n    return train_state.replace(optimizer=new_optimizer)\n'
        },
        {
            "vivit/train_utils.py": 'import functools\n\nimport jax\nimport jax.numpy as jnp\n\n\ndef train_step(train_state, batch, *, flax_model, learning_rate_fn, loss_fn):\n    def training_loss_fn(params):\n        logits, new_model_state = flax_model.apply({"params": params}, batch["inputs"], mutable=["batch_stats"])\n        return loss_fn(logits, batch), new_model_state\n\n    (train_cost, new_model_state), grad = jax.value_and_grad(training_loss_fn, has_aux=True)(train_state.optimizer.target)\n    grad = jax.lax.pmean(grad, axis_name="batch")\n    new_optimizer = train_state.optimizer\n    return train_state.replace(optimizer=new_optimizer)\n'
        },
        expect="train_utils.py",
        name="flax-optim-apply-gradient-trains",
    ),
    RuleCase(
        "GT311",
        {
            "vivit/trainer.py": 'import jax\nfrom scenic.train_lib_deprecated import pretrain_utils\n\nfrom vivit import train_utils\n\n\ndef train(rng, config, model_cls, dataset, workdir, writer):\n    train_state, start_step = train_utils.initialize_model(config, model_cls, dataset)\n    if start_step == 0 and config.get("init_from") is not None:\n        train_state = pretrain_utils.restore_pretrained_checkpoint(config.init_from.checkpoint_path, train_state)\n    train_step_pmapped = jax.pmap(train_utils.train_step, axis_name="batch")\n    for step in range(start_step + 1, config.num_training_steps + 1):\n        train_state = train_step_pmapped(train_state, next(dataset.train_iter))\n',
            "vivit/train_utils.py": 'import functools\n\nimport jax\nimport jax.numpy as jnp\n\n\ndef train_step(train_state, batch, *, flax_model, learning_rate_fn, loss_fn):\n    def training_loss_fn(params):\n        logits, new_model_state = flax_model.apply({"params": params}, batch["inputs"], mutable=["batch_stats"])\n        return loss_fn(logits, batch), new_model_state\n\n    (train_cost, new_model_state), grad = jax.value_and_grad(training_loss_fn, has_aux=True)(train_state.optimizer.target)\n    grad = jax.lax.pmean(grad, axis_name="batch")\n    new_optimizer = train_state.optimizer.apply_gradient(grad)\n    return train_state.replace(optimizer=new_optimizer)\n',
        },
        {
            "vivit/trainer.py": 'import jax\nfrom scenic.train_lib_deprecated import pretrain_utils\n\nfrom vivit import train_utils\n\n\ndef train(rng, config, model_cls, dataset, workdir, writer):\n    train_state, start_step = train_utils.initialize_model(config, model_cls, dataset)\n    pass\n    train_step_pmapped = jax.pmap(train_utils.train_step, axis_name="batch")\n    for step in range(start_step + 1, config.num_training_steps + 1):\n        train_state = train_step_pmapped(train_state, next(dataset.train_iter))\n',
            "vivit/train_utils.py": 'import functools\n\nimport jax\nimport jax.numpy as jnp\n\n\ndef train_step(train_state, batch, *, flax_model, learning_rate_fn, loss_fn):\n    def training_loss_fn(params):\n        logits, new_model_state = flax_model.apply({"params": params}, batch["inputs"], mutable=["batch_stats"])\n        return loss_fn(logits, batch), new_model_state\n\n    (train_cost, new_model_state), grad = jax.value_and_grad(training_loss_fn, has_aux=True)(train_state.optimizer.target)\n    grad = jax.lax.pmean(grad, axis_name="batch")\n    new_optimizer = train_state.optimizer.apply_gradient(grad)\n    return train_state.replace(optimizer=new_optimizer)\n',
        },
        expect="restore_pretrained_checkpoint",
        name="scenic-restore-pretrained-checkpoint",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import os\nimport pickle\n\nimport torch\n\n\nclass CheckpointingUpdater:\n    def __init__(self, checkpoint_dir, checkpoint_every_n=10000):\n        self._checkpoint_dir = checkpoint_dir\n        self._checkpoint_every_n = checkpoint_every_n\n\n    def update(self, step, state):\n        if step % self._checkpoint_every_n == 0:\n            path = os.path.join(self._checkpoint_dir, f"checkpoint_{step:07d}.pkl")\n            with open(path, "wb") as f:\n                pickle.dump(state, f)\n\n\nMAX_STEPS = 1000000\nmodel = torch.nn.Linear(8, 8)\noptimizer = torch.optim.Adam(model.parameters(), lr=3e-4)\ncheckpointer = CheckpointingUpdater("/tmp/ckpt")\nfor step in range(MAX_STEPS):\n    loss = model(next(data)).pow(2).mean()\n    optimizer.zero_grad()\n    loss.backward()\n    optimizer.step()\n    checkpointer.update(step, model.state_dict())\n'
        },
        {
            "train.py": 'import os\nimport pickle\n\nimport torch\n\n\nclass CheckpointingUpdater:\n    def __init__(self, checkpoint_dir, checkpoint_every_n=10000):\n        self._checkpoint_dir = checkpoint_dir\n        self._checkpoint_every_n = checkpoint_every_n\n\n    def update(self, step, state):\n        if step % self._checkpoint_every_n == 0:\n            path = os.path.join(self._checkpoint_dir, f"checkpoint_{step:07d}.pkl")\n            with open(path, "wb") as f:\n                pickle.dump(state, f)\n\n\nMAX_STEPS = 1000000\nmodel = torch.nn.Linear(8, 8)\noptimizer = torch.optim.Adam(model.parameters(), lr=3e-4)\ncheckpointer = CheckpointingUpdater("/tmp/ckpt")\nfor step in range(MAX_STEPS):\n    loss = model(next(data)).pow(2).mean()\n    optimizer.zero_grad()\n    loss.backward()\n    optimizer.step()\n    pass\n'
        },
        expect="pickle.dump() every N steps",
        name="pickled-state-in-a-method-the-loop-calls",
    ),
    RuleCase(
        "GT303",
        {
            "scripts/run.sh": "python -u run.py --train_epochs 3 --patience 5 --data ETTh1\n",
            "train.py": "import torch\n",
        },
        {
            "scripts/run.sh": "python -u run.py --train_epochs 30 --patience 5 --data ETTh1\n",
            "train.py": "import torch\n",
        },
        expect="(--patience 5; --train_epochs 3)",
        name="flags-as-written",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": 'import argparse\n\nimport torch\nfrom segment_anything import sam_model_registry\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-checkpoint", type=str, default="work_dir/SAM/sam_vit_b_01ec64.pth")\nparser.add_argument("--resume", type=str, default="")\nargs = parser.parse_args()\nsam_model = sam_model_registry["vit_b"](checkpoint=args.checkpoint)\noptimizer = torch.optim.AdamW(sam_model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for image, gt in loader:\n        loss = sam_model(image, gt).mean()\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "train.py": 'import argparse\n\nimport torch\nfrom segment_anything import sam_model_registry\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-checkpoint", type=str, default="work_dir/medsam/model_000100.pth")\nparser.add_argument("--resume", type=str, default="")\nargs = parser.parse_args()\nsam_model = sam_model_registry["vit_b"](checkpoint=args.checkpoint)\noptimizer = torch.optim.AdamW(sam_model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for image, gt in loader:\n        loss = sam_model(image, gt).mean()\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="checkpoint='sam_vit_b_01ec64.pth'",
        name="released-weights-file",
        extra_negatives=(
            {
                "train.py": 'import argparse\n\nimport torch\nfrom segment_anything import sam_model_registry\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-checkpoint", type=str, default="runs/last.pth")\nparser.add_argument("--resume", type=str, default="")\nargs = parser.parse_args()\nsam_model = sam_model_registry["vit_b"](checkpoint=args.checkpoint)\noptimizer = torch.optim.AdamW(sam_model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for image, gt in loader:\n        loss = sam_model(image, gt).mean()\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n'
            },
        ),
    ),
    RuleCase(
        "GT311",
        {
            "finetune.py": "import torch\nfrom models import build_detector\n\nmodel = build_detector(weights='checkpoints/detr-r50-e632da11.pth')\nopt = torch.optim.AdamW(model.parameters())\nfor x, y in loader:\n    loss = model(x, y)\n    loss.backward()\n    opt.step()\n"
        },
        {
            "finetune.py": "import torch\nfrom models import build_detector\n\nmodel = build_detector(teacher_weights='checkpoints/detr-r50-e632da11.pth')\nopt = torch.optim.AdamW(model.parameters())\nfor x, y in loader:\n    loss = model(x, y)\n    loss.backward()\n    opt.step()\n"
        },
        expect="build_detector(weights='detr-r50-e632da11.pth')",
        name="hash-named-weights-kwarg",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import torch\nfrom apex import amp\n\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nmodel, optimizer = amp.initialize(model, optimizer, opt_level=cfg.opt_level)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        with amp.scale_loss(loss, optimizer) as scaled:\n            scaled.backward()\n        optimizer.step()\n",
            "config/train.yaml": "amp:\n  opt_level: O0\n",
        },
        {
            "train.py": "import torch\nfrom apex import amp\n\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nmodel, optimizer = amp.initialize(model, optimizer, opt_level=cfg.opt_level)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        with amp.scale_loss(loss, optimizer) as scaled:\n            scaled.backward()\n        optimizer.step()\n",
            "config/train.yaml": "amp:\n  opt_level: O1\n",
        },
        expect="switched off (amp.initialize(opt_level='O0'))",
        name="apex-o0-is-float32",
    ),
    RuleCase(
        "GT401",
        {
            "utils.py": 'import torch\nfrom apex import amp\n\n\ndef setup_for_distributed_mode(model, optimizer, device, fp16=False, fp16_opt_level="O1"):\n    model.to(device)\n    if fp16:\n        model, optimizer = amp.initialize(model, optimizer, opt_level=fp16_opt_level)\n    return model, optimizer\n',
            "train.py": 'import hydra\nimport torch\nfrom utils import setup_for_distributed_mode\n\n\n@hydra.main(config_path="conf", config_name="train_cfg")\ndef main(cfg):\n    model = torch.nn.Linear(8, 8)\n    optimizer = torch.optim.Adam(model.parameters())\n    model, optimizer = setup_for_distributed_mode(model, optimizer, "cuda", cfg.fp16)\n    for epoch in range(40):\n        for x, y in loader:\n            loss = model(x.cuda()).sum()\n            loss.backward()\n            optimizer.step()\n',
            "conf/train_cfg.yaml": "fp16: True\nfp16_opt_level: O1\n",
        },
        {
            "utils.py": 'import torch\nfrom apex import amp\n\n\ndef setup_for_distributed_mode(model, optimizer, device, fp16=False, fp16_opt_level="O1"):\n    model.to(device)\n    if fp16:\n        model, optimizer = amp.initialize(model, optimizer, opt_level=fp16_opt_level)\n    return model, optimizer\n',
            "train.py": 'import hydra\nimport torch\nfrom utils import setup_for_distributed_mode\n\n\n@hydra.main(config_path="conf", config_name="train_cfg")\ndef main(cfg):\n    model = torch.nn.Linear(8, 8)\n    optimizer = torch.optim.Adam(model.parameters())\n    model, optimizer = setup_for_distributed_mode(model, optimizer, "cuda", cfg.fp16)\n    for epoch in range(40):\n        for x, y in loader:\n            loss = model(x.cuda()).sum()\n            loss.backward()\n            optimizer.step()\n',
            "conf/train_cfg.yaml": "fp16: False\nfp16_opt_level: O1\n",
        },
        expect="amp.initialize",
        name="apex-behind-a-parameter-every-config-switches-off",
        extra_negatives=(
            {
                "train.py": "import torch\nfrom apex import amp\n\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nmodel, optimizer = amp.initialize(model, optimizer, opt_level=cfg.opt_level)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        with amp.scale_loss(loss, optimizer) as scaled:\n            scaled.backward()\n        optimizer.step()\n",
                "config/train.yaml": "amp:\n  opt_level: O0\n",
            },
        ),
    ),
    RuleCase(
        "GT402",
        {
            "main.py": 'import torch\nimport pytorch_lightning as pl\n\nclass CUDACallback(pl.Callback):\n    def on_train_epoch_start(self, trainer, pl_module):\n        torch.cuda.synchronize(trainer.root_gpu)\n        self.start_time = time.time()\n\nif __name__ == "__main__":\n    cpu = opt.cpu\n    if not cpu:\n        ngpu = len(lightning_config.trainer.gpus.strip(",").split(","))\n    else:\n        ngpu = 1\n    model = instantiate_from_config(config.model)\n    trainer = pl.Trainer(callbacks=[CUDACallback()], **trainer_kwargs)\n    trainer.fit(model, data)\n'
        },
        {
            "main.py": 'import torch\nimport pytorch_lightning as pl\n\nclass CUDACallback(pl.Callback):\n    def on_train_epoch_start(self, trainer, pl_module):\n        pass\n        self.start_time = time.time()\n\nif __name__ == "__main__":\n    cpu = opt.cpu\n    if not cpu:\n        ngpu = len(lightning_config.trainer.gpus.strip(",").split(","))\n    else:\n        ngpu = 1\n    model = instantiate_from_config(config.model)\n    trainer = pl.Trainer(callbacks=[CUDACallback()], **trainer_kwargs)\n    trainer.fit(model, data)\n'
        },
        expect="trains on a GPU (torch.cuda.synchronize())",
        name="cuda-synchronize-not-a-cpu-fallback-count",
    ),
    RuleCase(
        "GT404",
        {
            "configure_pretraining.py": "class PretrainingConfig(object):\n    def __init__(self, model_name, data_dir, **kwargs):\n        self.model_name = model_name\n        self.num_train_steps = 1000000\n        self.save_checkpoints_steps = 1000\n        self.keep_checkpoint_max = 5\n",
            "run_pretraining.py": "import tensorflow.compat.v1 as tf\nimport configure_pretraining\n\n\ndef train(config):\n    run_config = tf.estimator.tpu.RunConfig(\n        model_dir=config.model_dir,\n        save_checkpoints_steps=config.save_checkpoints_steps,\n    )\n    estimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\n    estimator.train(input_fn=get_input_fn(config, True), max_steps=config.num_train_steps)\n",
        },
        {
            "configure_pretraining.py": "class PretrainingConfig(object):\n    def __init__(self, model_name, data_dir, **kwargs):\n        self.model_name = model_name\n        self.num_train_steps = 1000000\n        self.save_checkpoints_steps = 0\n        self.keep_checkpoint_max = 5\n",
            "run_pretraining.py": "import tensorflow.compat.v1 as tf\nimport configure_pretraining\n\n\ndef train(config):\n    run_config = tf.estimator.tpu.RunConfig(\n        model_dir=config.model_dir,\n        save_checkpoints_steps=config.save_checkpoints_steps,\n    )\n    estimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\n    estimator.train(input_fn=get_input_fn(config, True), max_steps=config.num_train_steps)\n",
        },
        expect="save_checkpoints_steps=1000",
        name="estimator-interval-from-config-class",
    ),
    RuleCase(
        "GT606",
        {
            "run_pretraining.py": "import tensorflow.compat.v1 as tf\nimport configure_pretraining\n\n\ndef train(config):\n    run_config = tf.estimator.tpu.RunConfig(\n        model_dir=config.model_dir,\n        save_checkpoints_steps=config.save_checkpoints_steps,\n    )\n    estimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\n    estimator.train(input_fn=get_input_fn(config, True), max_steps=config.num_train_steps)\n",
            "configure_pretraining.py": "class PretrainingConfig(object):\n    def __init__(self, model_name, data_dir, **kwargs):\n        self.model_name = model_name\n        self.num_train_steps = 1000000\n        self.save_checkpoints_steps = 1000\n        self.keep_checkpoint_max = 5\n",
        },
        {
            "run_pretraining.py": "import tensorflow.compat.v1 as tf\nimport configure_pretraining\n\n\ndef train(config):\n    run_config = tf.estimator.tpu.RunConfig(\n        model_dir=config.model_dir,\n        save_checkpoints_steps=config.save_checkpoints_steps,\n    )\n    estimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\n    estimator.predict(input_fn=get_input_fn(config, False))\n",
            "configure_pretraining.py": "class PretrainingConfig(object):\n    def __init__(self, model_name, data_dir, **kwargs):\n        self.model_name = model_name\n        self.num_train_steps = 1000000\n        self.save_checkpoints_steps = 1000\n        self.keep_checkpoint_max = 5\n",
        },
        name="estimator-train-is-training",
    ),
    RuleCase(
        "GT311",
        {
            "run_finetuning.py": "import tensorflow.compat.v1 as tf\n\n\ndef model_fn(features, labels, mode, params):\n    tvars = tf.trainable_variables()\n    assignment_map = get_assignment_map(tvars, config.init_checkpoint)\n    tf.train.init_from_checkpoint(config.init_checkpoint, assignment_map)\n    train_op = optimization.create_optimizer(total_loss, config.learning_rate, num_train_steps)\n    return tf.estimator.tpu.TPUEstimatorSpec(mode=mode, loss=total_loss, train_op=train_op)\n\n\nestimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\nestimator.train(input_fn=train_input_fn, max_steps=num_train_steps)\n"
        },
        {
            "run_finetuning.py": "import tensorflow.compat.v1 as tf\n\n\ndef model_fn(features, labels, mode, params):\n    tvars = tf.trainable_variables()\n    assignment_map = get_assignment_map(tvars, config.init_checkpoint)\n    pass\n    train_op = optimization.create_optimizer(total_loss, config.learning_rate, num_train_steps)\n    return tf.estimator.tpu.TPUEstimatorSpec(mode=mode, loss=total_loss, train_op=train_op)\n\n\nestimator = tf.estimator.tpu.TPUEstimator(model_fn=model_fn, config=run_config)\nestimator.train(input_fn=train_input_fn, max_steps=num_train_steps)\n"
        },
        expect="tf.train.init_from_checkpoint",
        name="tf1-init-from-checkpoint",
    ),
    RuleCase(
        "GT404",
        {
            "utils.py": 'import shutil\n\nimport torch\n\n\ndef save_checkpoint(state, is_best, filename="checkpoint.pth.tar"):\n    torch.save(state, filename)\n    if is_best:\n        shutil.copyfile(filename, "model_best.pth.tar")\n',
            "simclr.py": 'import torch\nfrom utils import save_checkpoint\n\n\nclass SimCLR:\n    def train(self, train_loader):\n        for epoch_counter in range(self.args.epochs):\n            for images, _ in train_loader:\n                loss = self.criterion(self.model(images))\n                self.optimizer.zero_grad()\n                self.scaler.scale(loss).backward()\n                self.scaler.step(self.optimizer)\n                self.scaler.update()\n            save_checkpoint({"epoch": self.args.epochs, "state_dict": self.model.state_dict()}, is_best=False)\n        pass\n',
        },
        {
            "utils.py": 'import shutil\n\nimport torch\n\n\ndef save_checkpoint(state, is_best, filename="checkpoint.pth.tar"):\n    torch.save(state, filename)\n    if is_best:\n        shutil.copyfile(filename, "model_best.pth.tar")\n',
            "simclr.py": 'import torch\nfrom utils import save_checkpoint\n\n\nclass SimCLR:\n    def train(self, train_loader):\n        for epoch_counter in range(self.args.epochs):\n            for images, _ in train_loader:\n                loss = self.criterion(self.model(images))\n                self.optimizer.zero_grad()\n                self.scaler.scale(loss).backward()\n                self.scaler.step(self.optimizer)\n                self.scaler.update()\n            pass\n        save_checkpoint({"epoch": self.args.epochs, "state_dict": self.model.state_dict()}, is_best=False)\n',
        },
        expect="save_checkpoint",
        name="checkpoint-helper-called-once-after-training",
    ),
    RuleCase(
        "GT404",
        {
            "cfg.py": 'import argparse\n\n\ndef add_default_env_args(p: argparse.ArgumentParser):\n    p.add_argument("--save_every_sec", default=120, type=int, help="Checkpointing rate")\n    p.add_argument("--keep_checkpoints", default=2, type=int)\n',
            "train_mujoco.py": 'import sys\n\nfrom sample_factory.cfg.arguments import parse_full_cfg, parse_sf_args\nfrom sample_factory.train import run_rl\n\n\ndef main():\n    parser, cfg = parse_sf_args()\n    cfg = parse_full_cfg(parser)\n    status = run_rl(cfg)\n    return status\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        {
            "cfg.py": 'import argparse\n\n\ndef add_default_env_args(p: argparse.ArgumentParser):\n    p.add_argument("--save_every_sec", default=0, type=int, help="Checkpointing rate")\n    p.add_argument("--keep_checkpoints", default=2, type=int)\n',
            "train_mujoco.py": 'import sys\n\nfrom sample_factory.cfg.arguments import parse_full_cfg, parse_sf_args\nfrom sample_factory.train import run_rl\n\n\ndef main():\n    parser, cfg = parse_sf_args()\n    cfg = parse_full_cfg(parser)\n    status = run_rl(cfg)\n    return status\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n',
        },
        expect="save_every_sec=120",
        name="time-based-checkpoint-interval",
    ),
    RuleCase(
        "GT606",
        {
            "train_mujoco.py": 'import sys\n\nfrom sample_factory.cfg.arguments import parse_full_cfg, parse_sf_args\nfrom sample_factory.train import run_rl\n\n\ndef main():\n    parser, cfg = parse_sf_args()\n    cfg = parse_full_cfg(parser)\n    status = run_rl(cfg)\n    return status\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        {
            "train_mujoco.py": 'import sys\n\nfrom sample_factory.cfg.arguments import parse_full_cfg, parse_sf_args\nfrom sample_factory.train import run_rl\n\n\ndef main():\n    parser, cfg = parse_sf_args()\n    cfg = parse_full_cfg(parser)\n    status = run_rl.__doc__\n    return status\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
        },
        name="sample-factory-run-rl-trains",
    ),
    RuleCase(
        "GT402",
        {
            "main.py": 'import pytorch_lightning as pl\nfrom pytorch_lightning.trainer import Trainer\n\nif __name__ == "__main__":\n    model = instantiate_from_config(config.model)\n    trainer = Trainer.from_argparse_args(trainer_opt, **trainer_kwargs)\n    trainer.fit(model, data)\n',
            "environment.yaml": "name: taming\ndependencies:\n  - python=3.8.5\n  - cudatoolkit=10.2\n  - pytorch=1.7.0\n  - pip:\n    - pytorch-lightning==1.0.8\n",
        },
        {
            "main.py": 'import pytorch_lightning as pl\nfrom pytorch_lightning.trainer import Trainer\n\nif __name__ == "__main__":\n    model = instantiate_from_config(config.model)\n    trainer = Trainer.from_argparse_args(trainer_opt, **trainer_kwargs)\n    trainer.fit(model, data)\n',
            "environment.yaml": "name: taming\ndependencies:\n  - python=3.8.5\n  - cpuonly\n  - pytorch=1.7.0\n  - pip:\n    - pytorch-lightning==1.0.8\n",
        },
        expect="trains on a GPU (cudatoolkit in environment.yaml)",
        name="conda-cudatoolkit-is-gpu-evidence",
    ),
    RuleCase(
        "GT606",
        {
            "projects/recipes/README.md": "# Recipes\n\nFine-tune the 90M model with:\n```\nparlai train_model -t convai2 -m transformer/generator --init-model zoo:tutorial_transformer_generator/model --fp16 True --update-freq 1 -vp 15 --model-file /tmp/test_train_90M\n```\n",
            "parlai/core/agents.py": "import torch\n",
        },
        {
            "projects/recipes/README.md": "# Recipes\n\nFine-tune the 90M model with:\n```\nparlai display_data -t convai2 -m transformer/generator --init-model zoo:tutorial_transformer_generator/model --fp16 True --update-freq 1 -vp 15 --model-file /tmp/test_train_90M\n```\n",
            "parlai/core/agents.py": "import torch\n",
        },
        name="parlai-train-model-in-readme",
    ),
    RuleCase(
        "GT401",
        {
            "projects/recipes/README.md": "# Recipes\n\nFine-tune the 90M model with:\n```\nparlai train_model -t convai2 -m transformer/generator --init-model zoo:tutorial_transformer_generator/model --fp16 True --update-freq 1 -vp 15 --model-file /tmp/test_train_90M\n```\n",
            "parlai/core/agents.py": "import torch\n",
        },
        {
            "projects/recipes/README.md": "# Recipes\n\nFine-tune the 90M model with:\n```\nparlai train_model -t convai2 -m transformer/generator --init-model zoo:tutorial_transformer_generator/model  --update-freq 1 -vp 15 --model-file /tmp/test_train_90M\n```\n",
            "parlai/core/agents.py": "import torch\n",
        },
        expect="--fp16 True",
        name="parlai-fp16-flag",
    ),
    RuleCase(
        "GT302",
        {
            "pos/trainer.py": "import torch\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters())\n\n    def update(self, batch):\n        loss = self.model(batch)\n        loss.backward()\n        self.optimizer.step()\n        return loss.item()\n\n    def save(self, filename):\n        torch.save(self.model.state_dict(), filename)\n",
            "tagger.py": "import argparse\n\nimport torch\nfrom pos.trainer import Trainer\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--max_steps\", type=int, default=50000)\nparser.add_argument(\"--max_steps_before_stop\", type=int, default=3000)\nargs = vars(parser.parse_args())\ntrainer = Trainer(build_model())\nglobal_step = 0\nlast_best_step = 0\nbest = 0.0\nwhile True:\n    for batch in train_batches:\n        global_step += 1\n        trainer.update(batch)\n        if global_step % 100 == 0:\n            dev_score = evaluate(trainer)\n            if dev_score > best:\n                last_best_step = global_step\n                trainer.save('m.pt')\n        if global_step - last_best_step >= args['max_steps_before_stop']:\n            break\n",
        },
        {
            "pos/trainer.py": "import torch\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters())\n\n    def update(self, batch):\n        loss = self.model(batch)\n        loss.backward()\n        self.optimizer.step()\n        return loss.item()\n\n    def save(self, filename):\n        torch.save(self.model.state_dict(), filename)\n",
            "tagger.py": "import argparse\n\nimport torch\nfrom pos.trainer import Trainer\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--max_steps\", type=int, default=50000)\nparser.add_argument(\"--max_steps_before_stop\", type=int, default=3000)\nargs = vars(parser.parse_args())\ntrainer = Trainer(build_model())\nglobal_step = 0\nlast_best_step = 0\nbest = 0.0\nwhile True:\n    for batch in train_batches:\n        global_step += 1\n        trainer.update(batch)\n        if global_step % 100 == 0:\n            dev_score = evaluate(trainer)\n            if dev_score > best:\n                last_best_step = global_step\n                trainer.save('m.pt')\n        if global_step >= args['max_steps']:\n            break\n",
        },
        expect="steps since the best score reach their bound",
        name="steps-since-best-bound",
    ),
    RuleCase(
        "GT404",
        {
            "pos/trainer.py": "import torch\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters())\n\n    def update(self, batch):\n        loss = self.model(batch)\n        loss.backward()\n        self.optimizer.step()\n        return loss.item()\n\n    def save(self, filename):\n        torch.save(self.model.state_dict(), filename)\n",
            "tagger.py": 'import argparse\n\nimport torch\nfrom pos.trainer import Trainer\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--max_steps", type=int, default=50000)\nparser.add_argument("--max_steps_before_stop", type=int, default=3000)\nargs = vars(parser.parse_args())\ntrainer = Trainer(build_model())\nglobal_step = 0\nlast_best_step = 0\nbest = 0.0\nwhile True:\n    for batch in train_batches:\n        global_step += 1\n        trainer.update(batch)\n        if global_step % 100 == 0:\n            dev_score = evaluate(trainer)\n            if dev_score > best:\n                last_best_step = global_step\n                trainer.save(\'m.pt\')\n        pass\n',
        },
        {
            "pos/trainer.py": "import torch\n\n\nclass Trainer:\n    def __init__(self, model):\n        self.model = model\n        self.optimizer = torch.optim.Adam(model.parameters())\n\n    def update(self, batch):\n        loss = self.model(batch)\n        loss.backward()\n        self.optimizer.step()\n        return loss.item()\n\n    def save(self, filename):\n        torch.save(self.model.state_dict(), filename)\n",
            "tagger.py": 'import argparse\n\nimport torch\nfrom pos.trainer import Trainer\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--max_steps", type=int, default=50000)\nparser.add_argument("--max_steps_before_stop", type=int, default=3000)\nargs = vars(parser.parse_args())\ntrainer = Trainer(build_model())\nglobal_step = 0\nlast_best_step = 0\nbest = 0.0\nwhile True:\n    for batch in train_batches:\n        global_step += 1\n        trainer.update(batch)\n        if global_step % 100 == 0:\n            dev_score = evaluate(trainer)\n            if dev_score > best:\n                last_best_step = global_step\n                print(dev_score)\n        pass\n',
        },
        expect="trainer.save() inside the training loop",
        name="trainer-save-in-driver-loop",
    ),
    RuleCase(
        "GT407",
        {
            "train.py": 'import argparse\n\nimport horovod.torch as hvd\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--batches-per-allreduce", type=int, default=4)\nargs = parser.parse_args()\nhvd.init()\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\noptimizer = hvd.DistributedOptimizer(\n    optimizer, named_parameters=model.named_parameters(),\n    backward_passes_per_step=args.batches_per_allreduce,\n)\nfor epoch in range(90):\n    for data, target in loader:\n        loss = torch.nn.functional.cross_entropy(model(data.cuda()), target.cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "train.py": 'import argparse\n\nimport horovod.torch as hvd\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--batches-per-allreduce", type=int, default=1)\nargs = parser.parse_args()\nhvd.init()\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\noptimizer = hvd.DistributedOptimizer(\n    optimizer, named_parameters=model.named_parameters(),\n    backward_passes_per_step=args.batches_per_allreduce,\n)\nfor epoch in range(90):\n    for data, target in loader:\n        loss = torch.nn.functional.cross_entropy(model(data.cuda()), target.cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="batches_per_allreduce",
        name="horovod-backward-passes-per-step",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": 'from pytorch_tabular import TabularModel\n\ntabular_model = TabularModel(\n    data_config="examples/yaml_config/data_config.yml",\n    model_config="examples/yaml_config/model_config.yml",\n    trainer_config="examples/yaml_config/trainer_config.yml",\n)\ndatamodule = tabular_model.prepare_dataloader(train=train, validation=val)\nmodel = tabular_model.prepare_model(datamodule)\ntabular_model.train(model, datamodule)\n'
        },
        {
            "train.py": 'from pytorch_tabular import TabularModel\n\ntabular_model = TabularModel(\n    data_config="examples/yaml_config/data_config.yml",\n    model_config="examples/yaml_config/model_config.yml",\n    trainer_config="examples/yaml_config/trainer_config.yml",\n)\ndatamodule = tabular_model.prepare_dataloader(train=train, validation=val)\nmodel = tabular_model.prepare_model(datamodule)\nprint(model)\n'
        },
        name="pytorch-tabular-low-level-train",
    ),
    RuleCase(
        "GT302",
        {
            "parlai/scripts/train_model.py": 'import torch\nfrom parlai.core.params import ParlaiParser\n\n\ndef setup_args(parser=None):\n    parser = ParlaiParser(True, True, "Train a model")\n    train = parser.add_argument_group("Training Loop Arguments")\n    train.add_argument("-vp", "--validation-patience", type=int, default=10)\n    return parser\n\n\nclass TrainLoop:\n    def train(self):\n        while True:\n            world.parley()\n            loss.backward()\n            optimizer.step()\n            if self._validate():\n                break\n'
        },
        {
            "parlai/scripts/train_model.py": 'import torch\nfrom parlai.core.params import ParlaiParser\n\n\ndef setup_args(parser=None):\n    parser = ParlaiParser(True, True, "Train a model")\n    train = parser.add_argument_group("Training Loop Arguments")\n    train.add_argument("-vp", "--validation-patience", type=int, default=-1)\n    return parser\n\n\nclass TrainLoop:\n    def train(self):\n        while True:\n            world.parley()\n            loss.backward()\n            optimizer.step()\n            if self._validate():\n                break\n'
        },
        expect="validation_patience = 10",
        name="parlai-validation-patience",
    ),
    RuleCase(
        "GT311",
        {
            "train.sh": "parlai train_model -t convai2 -m transformer/generator --init-model zoo:blender/reddit_3B/model --model-file /tmp/m\n",
            "model.py": "import torch\n",
        },
        {
            "train.sh": "parlai train_model -t convai2 -m transformer/generator --model-file /tmp/m\n",
            "model.py": "import torch\n",
        },
        expect="--init-model zoo:blender/reddit_3B/model",
        name="parlai-init-model",
    ),
    RuleCase(
        "GT311",
        {
            "run.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:1\npython jiant/proj/main/runscript.py run --model_load_mode from_transformers --do_train --epochs 3\n",
            "jiant/proj/main/runscript.py": "import torch\n\nloss.backward()\n",
        },
        {
            "run.sbatch": "#!/bin/bash\n#SBATCH --gres=gpu:1\npython jiant/proj/main/runscript.py run --model_load_mode partial --do_train --epochs 3\n",
            "jiant/proj/main/runscript.py": "import torch\n\nloss.backward()\n",
        },
        expect="--model_load_mode from_transformers",
        name="jiant-from-transformers",
    ),
    RuleCase(
        "GT505",
        {
            "byol_main.py": "import torch\n\nfrom trainer.byol_trainer import BYOLTrainer\n\n\ndef run_task(config):\n    trainer = BYOLTrainer(config)\n    for epoch in range(trainer.start_epoch, trainer.total_epochs + 1):\n        trainer.train_epoch(epoch)\n        trainer.save_checkpoint(epoch)\n",
            "trainer/byol_trainer.py": "import torch\n\n\nclass BYOLTrainer:\n    def train_epoch(self, epoch):\n        for images, _ in self.train_loader:\n            loss = self.forward_loss(images.cuda())\n            self.optimizer.zero_grad()\n            loss.backward()\n            self.optimizer.step()\n",
            "readme.md": "# BYOL\n\n```\npython -m torch.distributed.launch --nproc_per_node=2 --nnodes=2 --node_rank=0 byol_main.py\n```\n",
        },
        {
            "byol_main.py": "import torch\n\nfrom trainer.byol_trainer import BYOLTrainer\n\n\ndef run_task(config):\n    trainer = BYOLTrainer(config)\n    for epoch in range(trainer.start_epoch, trainer.total_epochs + 1):\n        trainer.train_epoch(epoch)\n        trainer.save_checkpoint(epoch)\n",
            "trainer/byol_trainer.py": "import torch\n\n\nclass BYOLTrainer:\n    def train_epoch(self, epoch):\n        for images, _ in self.train_loader:\n            loss = self.forward_loss(images.cuda())\n            self.optimizer.zero_grad()\n            loss.backward()\n            self.optimizer.step()\n",
            "readme.md": "# BYOL\n\n```\npython -m torch.distributed.launch --nproc_per_node=2 --nnodes=2 --node_rank=0 tools/convert.py\n```\n",
            "tools/convert.py": "import torch\n\nstate = torch.load('a.pth')\n",
        },
        expect="jobs request 4 GPUs (2 nodes × 2",
        name="launch-of-a-script-whose-imports-train",
    ),
    RuleCase(
        "GT313",
        {
            "settings.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass TrainingSettings:\n    nway: int = 2\n    distillation_alpha: float = 1.0\n",
            "training.py": 'import torch\n\n\ndef train(config, colbert, reader):\n    for batch_idx, (encoding, target_scores) in zip(range(config.maxsteps), reader):\n        scores = colbert(*encoding).view(-1, config.nway)\n        target_scores = torch.tensor(target_scores).view(-1, config.nway) * config.distillation_alpha\n        target_scores = torch.nn.functional.log_softmax(target_scores, dim=-1)\n        log_scores = torch.nn.functional.log_softmax(scores, dim=-1)\n        loss = torch.nn.KLDivLoss(reduction="batchmean", log_target=True)(log_scores, target_scores)\n        loss.backward()\n',
        },
        {
            "settings.py": "from dataclasses import dataclass\n\n\n@dataclass\nclass TrainingSettings:\n    nway: int = 2\n    score_scale: float = 1.0\n",
            "training.py": 'import torch\n\n\ndef train(config, colbert, reader):\n    for batch_idx, (encoding, target_scores) in zip(range(config.maxsteps), reader):\n        scores = colbert(*encoding).view(-1, config.nway)\n        target_scores = torch.tensor(target_scores).view(-1, config.nway) * config.score_scale\n        target_scores = torch.nn.functional.log_softmax(target_scores, dim=-1)\n        log_scores = torch.nn.functional.log_softmax(scores, dim=-1)\n        loss = torch.nn.KLDivLoss(reduction="batchmean", log_target=True)(log_scores, target_scores)\n        loss.backward()\n',
        },
        expect="KLDivLoss beside the setting distillation_alpha",
        name="kl-loss-with-a-distillation-setting",
    ),
    RuleCase(
        "GT606",
        {
            "trax/trainer.py": 'from absl import app\n\nfrom trax.supervised import trainer_lib\n\n\ndef main(_):\n    output_dir = "/tmp/trax"\n    trainer_lib.train(output_dir=output_dir)\n\n\nif __name__ == "__main__":\n    app.run(main)\n'
        },
        {
            "trax/trainer.py": 'from absl import app\n\nfrom trax.supervised import trainer_lib\n\n\ndef main(_):\n    output_dir = "/tmp/trax"\n    trainer_lib.log(output_dir)\n\n\nif __name__ == "__main__":\n    app.run(main)\n'
        },
        name="trax-trainer-lib-train",
    ),
    RuleCase(
        "GT308",
        {
            "trax/supervised/trainer_lib.py": 'import functools\n\nfrom trax import fastmath\n\n\ndef _jit_update_fn(predict_fn, loss_fn, optimizer, n_devices, jit=True):\n    def single_update(weights_and_slots, i, opt_params, batch, state, rng):\n        return weights_and_slots\n\n    if n_devices == 1:\n        return fastmath.jit(single_update)\n    return functools.partial(fastmath.pmap, axis_name="batch")(single_update)\n'
        },
        {
            "trax/supervised/trainer_lib.py": 'import functools\n\nfrom trax import fastmath\n\n\ndef _jit_update_fn(predict_fn, loss_fn, optimizer, n_devices, jit=True):\n    def single_update(weights_and_slots, i, opt_params, batch, state, rng):\n        return weights_and_slots\n\n    if n_devices == 1:\n        return single_update\n    return functools.partial(fastmath.vmap, axis_name="batch")(single_update)\n'
        },
        expect="trax.fastmath.jit",
        name="trax-fastmath-jit",
    ),
    RuleCase(
        "GT108",
        {
            "NNet.py": "import numpy as np\nimport torch\n\n\nclass NNetWrapper:\n    def train(self, examples):\n        for epoch in range(10):\n            boards = torch.FloatTensor(np.array(examples).astype(np.float64))\n            loss = self.nnet(boards).sum()\n            loss.backward()\n\n    def predict(self, board):\n        board = torch.tensor(board.astype(np.float64))\n        return self.nnet(board)\n"
        },
        {
            "NNet.py": "import numpy as np\nimport torch\n\n\nclass NNetWrapper:\n    def train(self, examples):\n        for epoch in range(10):\n            boards = torch.FloatTensor(np.array(examples).astype(np.float64))\n            loss = self.nnet(boards).sum()\n            loss.backward()\n\n    def predict(self, board):\n        board = torch.FloatTensor(board.astype(np.float64))\n        return self.nnet(board)\n"
        },
        expect="float64 in deep-learning code",
        name="float64-copy-wrapped-in-float-tensor",
    ),
    RuleCase(
        "GT401",
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n\n\ndef main():\n    cfg = Config.fromfile(args.config)\n    runner = Runner.from_cfg(cfg)\n    runner.train()\n",
            "tools/slurm_train.sh": "srun --gres=gpu:8 python -u tools/train.py ${CONFIG} --launcher slurm\n",
            "configs/hrnet_fp16.py": "_base_ = ['../_base_/default_runtime.py']\n\nfp16 = dict(loss_scale='dynamic')\ntrain_cfg = dict(by_epoch=True, max_epochs=210, val_interval=10)\n",
        },
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n\n\ndef main():\n    cfg = Config.fromfile(args.config)\n    runner = Runner.from_cfg(cfg)\n    runner.train()\n",
            "tools/slurm_train.sh": "srun --gres=gpu:8 python -u tools/train.py ${CONFIG} --launcher slurm\n",
            "configs/hrnet_fp16.py": "_base_ = ['../_base_/default_runtime.py']\noptim_wrapper = dict(optimizer=dict(type='Adam', lr=5e-4))\nfp16 = dict(loss_scale='dynamic')\ntrain_cfg = dict(by_epoch=True, max_epochs=210, val_interval=10)\n",
        },
        expect="fp16: {'loss_scale': 'dynamic'}",
        name="mmcv1-fp16-key-dead-under-mmengine",
    ),
    RuleCase(
        "GT207",
        {
            "olmo/config.py": "from dataclasses import dataclass\nfrom typing import Optional\n\n\n@dataclass\nclass TrainConfig:\n    run_name: Optional[str] = None\n    fused_loss: Optional[bool] = True\n",
            "olmo/train.py": "import torch\n\n\nclass Trainer:\n    def __post_init__(self):\n        if self.cfg.fused_loss:\n            import flash_attn\n            from flash_attn.ops.triton.cross_entropy import cross_entropy_loss\n        self.loss_fn = cross_entropy_loss\n\n    def train_step(self, batch):\n        loss = self.model(batch).mean()\n        loss.backward()\n        self.optim.step()\n",
        },
        {
            "olmo/config.py": "from dataclasses import dataclass\nfrom typing import Optional\n\n\n@dataclass\nclass TrainConfig:\n    run_name: Optional[str] = None\n    fused_loss: Optional[bool] = None\n",
            "olmo/train.py": "import torch\n\n\nclass Trainer:\n    def __post_init__(self):\n        if self.cfg.fused_loss:\n            import flash_attn\n            from flash_attn.ops.triton.cross_entropy import cross_entropy_loss\n        self.loss_fn = cross_entropy_loss\n\n    def train_step(self, batch):\n        loss = self.model(batch).mean()\n        loss.backward()\n        self.optim.step()\n",
        },
        expect="flash_attn",
        name="kernel-import-behind-a-switch-no-config-sets",
    ),
    RuleCase(
        "GT308",
        {
            "finetune.py": 'import sys\n\nimport torch\nimport transformers\nfrom peft import LoraConfig, get_peft_model\n\nmodel = get_peft_model(model, LoraConfig(r=8))\nif torch.__version__ >= "2" and sys.platform != "win32":\n    model = torch.compile(model)\ntrainer = transformers.Trainer(\n    model=model,\n    train_dataset=train_data,\n    args=transformers.TrainingArguments(output_dir="out", num_train_epochs=3),\n)\nmodel.config.use_cache = False\n\ntrainer.train()\n'
        },
        {
            "finetune.py": 'import sys\n\nimport torch\nimport transformers\nfrom peft import LoraConfig, get_peft_model\n\nmodel = get_peft_model(model, LoraConfig(r=8))\n\ntrainer = transformers.Trainer(\n    model=model,\n    train_dataset=train_data,\n    args=transformers.TrainingArguments(output_dir="out", num_train_epochs=3),\n)\nmodel.config.use_cache = False\nif torch.__version__ >= "2" and sys.platform != "win32":\n    model = torch.compile(model)\ntrainer.train()\n'
        },
        expect="torch.compile",
        name="compile-after-the-trainer-took-the-model",
    ),
    RuleCase(
        "GT508",
        {
            "data.py": "from torch.utils.data import DataLoader\n\n\ndef make_dataset(dataset, batch_size, num_workers=4, pin_memory=False):\n    return DataLoader(dataset, batch_size=batch_size, num_workers=num_workers, pin_memory=pin_memory)\n",
            "train.py": "import torch\n\nimport data\n\nuse_gpu = torch.cuda.is_available()\nloader = data.make_dataset(dataset, 64, pin_memory=use_gpu)\nfor epoch in range(100):\n    for x in loader:\n        loss = G(x).mean()\n        loss.backward()\n",
        },
        {
            "data.py": "from torch.utils.data import DataLoader\n\n\ndef make_dataset(dataset, batch_size, num_workers=4, pin_memory=False):\n    return DataLoader(dataset, batch_size=batch_size, num_workers=num_workers, pin_memory=pin_memory)\n",
            "train.py": "import torch\n\nimport data\n\nuse_gpu = args.gpu\nloader = data.make_dataset(dataset, 64, pin_memory=use_gpu)\nfor epoch in range(100):\n    for x in loader:\n        loss = G(x).mean()\n        loss.backward()\n",
        },
        expect="DataLoader(pin_memory=use_gpu (torch.cuda.is_available()) via make_dataset())",
        name="pin-memory-handed-down-by-callers",
    ),
    RuleCase(
        "GT312",
        {
            "train.py": 'import argparse\nimport os\n\nimport torch\nfrom torchvision import datasets, models\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train-dir", default=os.path.expanduser("~/flowers/train"), help="path to training data")\nargs = parser.parse_args()\ntrain_dataset = datasets.ImageFolder(args.train_dir)\nmodel = models.resnet50()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(90):\n    for data, target in loader:\n        loss = torch.nn.functional.cross_entropy(model(data), target)\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "train.py": 'import argparse\nimport os\n\nimport torch\nfrom torchvision import datasets, models\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train-dir", default=os.path.expanduser("~/imagenet/train"), help="path to training data")\nargs = parser.parse_args()\ntrain_dataset = datasets.ImageFolder(args.train_dir)\nmodel = models.resnet50()\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(90):\n    for data, target in loader:\n        loss = torch.nn.functional.cross_entropy(model(data), target)\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="resnet50 is built with no weights argument",
        name="imagenet-training-itself-is-not-from-scratch-waste",
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import tensorflow as tf\n\n(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()\ntrain_images = train_images[:1000].reshape(-1, 28 * 28) / 255.0\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10)])\nmodel.compile(optimizer="adam", loss="sparse_categorical_crossentropy")\nmodel.fit(train_images, train_labels, epochs=10)\n'
        },
        {
            "train.py": 'import tensorflow as tf\n\n(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()\ntrain_images = train_images.reshape(-1, 28 * 28) / 255.0\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10)])\nmodel.compile(optimizer="adam", loss="sparse_categorical_crossentropy")\nmodel.fit(train_images, train_labels, epochs=10)\n'
        },
        expect="train_images = train_images[:1000]",
        name="training-array-rebound-to-its-first-rows",
        extra_negatives=(
            {
                "train.py": 'import tensorflow as tf\n\n(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()\ntest_images = test_images[:1000]\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10)])\nmodel.compile(optimizer="adam", loss="sparse_categorical_crossentropy")\nmodel.fit(train_images, train_labels, epochs=10)\n'
            },
        ),
    ),
    RuleCase(
        "GT302",
        {
            "main.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--early_stop", type=int, default=10)\nargs = parser.parse_args()\niteration = 0\nfor batch in train_loader:\n    loss = model(batch).mean()\n    loss.backward()\n    optimizer.step()\n    if iteration == args.early_stop:\n        break\n    iteration += 1\n'
        },
        {
            "main.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--early_stop", type=int, default=1000000)\nargs = parser.parse_args()\niteration = 0\nfor batch in train_loader:\n    loss = model(batch).mean()\n    loss.backward()\n    optimizer.step()\n    if iteration == args.early_stop:\n        break\n    iteration += 1\n'
        },
        expect="early_stop = 10 (hand-written)",
        name="iteration-cap-named-early-stop",
    ),
    RuleCase(
        "GT402",
        {
            "xdftrain.py": 'import torch\nfrom deepctr_torch.models import xDeepFM\n\ndevice = "cuda:0" if torch.cuda.is_available() else "cpu"\nmodel = xDeepFM(linear_feature_columns, dnn_feature_columns, device=device)\nmodel.compile("adam", "binary_crossentropy", metrics=["auc"])\nhistory = model.fit(train_input, y, batch_size=256, epochs=50)\n'
        },
        {
            "xdftrain.py": 'import torch\nfrom deepctr_torch.models import xDeepFM\n\ndevice = "cuda:0" if torch.cuda.is_available() else "cpu"\nmodel = xDeepFM(linear_feature_columns, dnn_feature_columns, device=device)\nmodel.compile("adam", "binary_crossentropy", metrics=["auc"])\npred = model.predict(test_input, 256)\n'
        },
        expect="in full precision",
        name="deepctr-torch-fit-is-training",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": "import pytorch_lightning as pl\n\ntrainer = pl.Trainer(max_epochs=10, enable_checkpointing=False)\ntrainer.fit(model, dm)\n",
            "artifacts/config.json": '{"max_epochs": 10, "resume_from_checkpoint": "runs/last.ckpt"}',
        },
        {
            "train.py": "import pytorch_lightning as pl\n\ntrainer = pl.Trainer(max_epochs=10, enable_checkpointing=False)\ntrainer.fit(model, dm)\n",
            "artifacts/config.json": '{"max_epochs": 10, "resume_from_checkpoint": "None"}',
        },
        expect="resume_from_checkpoint=runs/last.ckpt",
        name="resume-path-dumped-as-none-string",
    ),
    RuleCase(
        "GT303",
        {
            "run.py": 'import argparse\n\nimport lightning.pytorch as pl\nimport torch\nfrom lightning.pytorch.callbacks import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-m", "--max_epochs", type=int, default=10000)\nparser.add_argument("--early_stopping_patience", type=int, default=50)\nargs = parser.parse_args()\nearly_stop = EarlyStopping(monitor="val_loss", patience=args.early_stopping_patience)\ntrainer = pl.Trainer(max_epochs=args.max_epochs, callbacks=[early_stop], accelerator="gpu")\ntrainer.fit(model, datamodule)\n',
            "scripts/finetune.sh": "python run.py -m 5 --early_stopping_patience 50\n",
        },
        {
            "run.py": 'import argparse\n\nimport lightning.pytorch as pl\nimport torch\nfrom lightning.pytorch.callbacks import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-m", "--max_epochs", type=int, default=10000)\nparser.add_argument("--early_stopping_patience", type=int, default=50)\nargs = parser.parse_args()\nearly_stop = EarlyStopping(monitor="val_loss", patience=args.early_stopping_patience)\ntrainer = pl.Trainer(max_epochs=args.max_epochs, callbacks=[early_stop], accelerator="gpu")\ntrainer.fit(model, datamodule)\n',
            "scripts/finetune.sh": "python run.py -m 500 --early_stopping_patience 50\n",
        },
        expect="patience 50 >= max epochs 5",
        name="short-option-mapped-to-its-long-name",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": "import torch\n\nfor epoch in range(5):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n",
            "models.py": 'import torch\n\nfrom unet import UNet\n\n\ndef build(pretrained=False, scale=0.5):\n    net = UNet(n_channels=3, n_classes=2)\n    if pretrained:\n        state_dict = torch.hub.load_state_dict_from_url("https://github.com/x/unet_carvana_scale0.5_epoch2.pth")\n        net.load_state_dict(state_dict)\n    return net\n',
        },
        {
            "train.py": "import torch\n\nfor epoch in range(5):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n",
            "hubconf.py": 'import torch\n\nfrom unet import UNet\n\n\ndef unet_carvana(pretrained=False, scale=0.5):\n    net = UNet(n_channels=3, n_classes=2)\n    if pretrained:\n        state_dict = torch.hub.load_state_dict_from_url("https://github.com/x/unet_carvana_scale0.5_epoch2.pth")\n        net.load_state_dict(state_dict)\n    return net\n',
        },
        expect="load_state_dict_from_url",
        name="torch-hub-entry-point-is-for-users",
    ),
    RuleCase(
        "GT401",
        {
            "convert_to_onnx.py": "import onnx\nfrom onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer\nfrom onnxruntime.transformers.onnx_model import OnnxModel\n\n\ndef convert(path):\n    model = onnx.load(path)\n    quant = MatMulNBitsQuantizer(model=model, bits=4, block_size=32)\n    quant.process()\n    onnx.save(model, path)\n"
        },
        {
            "convert_to_onnx.py": "import onnx\nfrom onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer\nfrom onnxruntime.transformers.onnx_model import OnnxModel\n\n\ndef convert(path):\n    model = onnx.load(path)\n    model = onnx.shape_inference.infer_shapes(model)\n    onnx.save(model, path)\n"
        },
        expect="MatMulNBitsQuantizer",
        name="ort-int4-weight-quantizer",
    ),
    RuleCase(
        "GT401",
        {
            "convert_to_onnx.py": "import onnx\nfrom onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer\nfrom onnxruntime.transformers.onnx_model import OnnxModel\n\n\ndef convert(path):\n    model = onnx.load(path)\n    OnnxModel(model).convert_float_to_float16(keep_io_types=False)\n    onnx.save(model, path)\n"
        },
        {
            "convert_to_onnx.py": "import onnx\nfrom onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer\nfrom onnxruntime.transformers.onnx_model import OnnxModel\n\n\ndef convert(path):\n    model = onnx.load(path)\n    OnnxModel(model).topological_sort()\n    onnx.save(model, path)\n"
        },
        expect="convert_float_to_float16",
        name="ort-graph-converted-to-fp16",
    ),
    RuleCase(
        "GT302",
        {
            "textcnn.py": 'import torch\n\n\ndef train(config, model, train_iter, dev_iter):\n    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)\n    total_batch = 0\n    last_improve = 0\n    dev_best_loss = float("inf")\n    flag = False\n    for epoch in range(config.num_epochs):\n        for trains, labels in train_iter:\n            loss = torch.nn.functional.cross_entropy(model(trains), labels)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n            if total_batch % 100 == 0:\n                dev_loss = evaluate(model, dev_iter)\n                if dev_loss < dev_best_loss:\n                    dev_best_loss = dev_loss\n                    last_improve = total_batch\n            total_batch += 1\n            if total_batch - last_improve > config.require_improvement:\n                flag = True\n                break\n'
        },
        {
            "textcnn.py": 'import torch\n\n\ndef train(config, model, train_iter, dev_iter):\n    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)\n    total_batch = 0\n    last_improve = 0\n    dev_best_loss = float("inf")\n    flag = False\n    for epoch in range(config.num_epochs):\n        for trains, labels in train_iter:\n            loss = torch.nn.functional.cross_entropy(model(trains), labels)\n            optimizer.zero_grad()\n            loss.backward()\n            optimizer.step()\n            if total_batch % 100 == 0:\n                dev_loss = evaluate(model, dev_iter)\n                if dev_loss < dev_best_loss:\n                    dev_best_loss = dev_loss\n                    last_improve = total_batch\n            total_batch += 1\n            if total_batch > config.max_batches:\n                break\n'
        },
        expect="batches since the best score reach their bound",
        name="batches-since-last-improvement",
    ),
    RuleCase(
        "GT101",
        {
            "demo.py": 'from sklearn.linear_model import LogisticRegression\n\nX, y = load_data("train.txt")\nX = X[:500]\nmodel = LogisticRegression()\nmodel.fit(X, y)\n\nprint(model.predict(X))\n'
        },
        {
            "demo.py": 'from sklearn.linear_model import LogisticRegression\n\nX, y = load_data("train.txt")\n\nmodel = LogisticRegression()\nmodel.fit(X, y)\nX = X[:5]\nprint(model.predict(X))\n'
        },
        expect="X = X[:500]",
        name="rows-cut-after-training-only-show-predictions",
    ),
    RuleCase(
        "GT108",
        {
            "utils.py": "import torch\n\n\ndef normalize(output, labels):\n    preds = output.max(1)[1].type_as(labels)\n    correct = preds.view(-1, 1).double()\n    return correct.sum() / len(labels)\n",
            "train.py": "import torch\n\nfor epoch in range(200):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n",
        },
        {
            "utils.py": "import torch\n\n\ndef accuracy(output, labels):\n    preds = output.max(1)[1].type_as(labels)\n    correct = preds.eq(labels).double()\n    return correct.sum() / len(labels)\n",
            "train.py": "import torch\n\nfor epoch in range(200):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n",
        },
        expect="float64 in deep-learning code",
        name="comparison-mask-cast-to-double-in-a-metric",
        extra_negatives=(
            {
                "utils.py": "import torch\n\n\ndef normalize(output, labels):\n    preds = output.max(1)[1].type_as(labels)\n    correct = preds.eq(labels).double()\n    return correct.sum() / len(labels)\n",
                "train.py": "import torch\n\nfor epoch in range(200):\n    loss = model(x).mean()\n    loss.backward()\n    optimizer.step()\n",
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--allow_tf32", action="store_true")\nargs = parser.parse_args()\nif args.allow_tf32:\n    torch.backends.cuda.matmul.allow_tf32 = True\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.AdamW(model.parameters())\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n',
            "README.md": "```bash\npython train.py --allow_tf32\n```\n",
        },
        {
            "train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--allow_tf32", action="store_true")\nargs = parser.parse_args()\nif args.allow_tf32:\n    torch.backends.cuda.matmul.allow_tf32 = True\nmodel = torch.nn.Linear(8, 8).cuda()\noptimizer = torch.optim.AdamW(model.parameters())\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="allow_tf32 = True",
        name="tf32-behind-an-option-no-launch-passes",
    ),
    RuleCase(
        "GT108",
        {
            "train.py": "import torch\n\n\ndef compute_loss(output, target):\n    diff = (output - target).double()\n    return (diff ** 2).mean()\n\n\nfor epoch in range(100):\n    loss = compute_loss(model(x), y)\n    loss.backward()\n"
        },
        {
            "train.py": "import torch\n\n\ndef eval_metric(output, target):\n    diff = (output - target).double()\n    return (diff ** 2).mean()\n\n\nfor epoch in range(100):\n    loss = eval_metric(model(x), y)\n    loss.backward()\n"
        },
        expect="float64 in deep-learning code",
        name="double-in-a-loss-function-is-the-models",
    ),
    RuleCase(
        "GT606",
        {
            "pkg/run.py": 'from transformers import TrainingArguments\nfrom .trainers import ContrastiveTrainer\n\n\ndef main():\n    args = TrainingArguments(output_dir="out", num_train_epochs=3)\n    trainer = ContrastiveTrainer(model=model, args=args, train_dataset=data)\n    trainer.train()\n',
            "pkg/trainers.py": "from transformers import Trainer\n\n\nclass BaseTrainer(Trainer):\n    def compute_loss(self, model, inputs, return_outputs=False):\n        return model(**inputs).loss\n\n\nclass ContrastiveTrainer(BaseTrainer):\n    pass\n",
            "pkg/__init__.py": "",
        },
        {
            "pkg/run.py": "from .trainers import ContrastiveTrainer\n\n\ndef main():\n    args = None\n    trainer = ContrastiveTrainer(model=model, args=args, train_dataset=data)\n    trainer.train()\n",
            "pkg/trainers.py": "class Trainer:\n    def train(self):\n        pass\n\n\nclass BaseTrainer(Trainer):\n    pass\n\n\nclass ContrastiveTrainer(BaseTrainer):\n    pass\n",
            "pkg/__init__.py": "",
        },
        expect="nothing measures",
        name="subclass-of-the-transformers-trainer-trains",
    ),
    RuleCase(
        "GT404",
        {
            "pkg/run.py": 'from transformers import TrainingArguments\nfrom .trainers import ContrastiveTrainer\n\n\ndef main():\n    args = TrainingArguments(output_dir="out", num_train_epochs=3)\n    trainer = ContrastiveTrainer(model=model, args=args, train_dataset=data)\n    trainer.train()\n',
            "pkg/trainers.py": "from transformers import Trainer\n\n\nclass BaseTrainer(Trainer):\n    def compute_loss(self, model, inputs, return_outputs=False):\n        return model(**inputs).loss\n\n\nclass ContrastiveTrainer(BaseTrainer):\n    pass\n",
            "pkg/__init__.py": "",
        },
        {
            "pkg/run.py": "from .trainers import ContrastiveTrainer\n\n\ndef main():\n    args = None\n    trainer = ContrastiveTrainer(model=model, args=args, train_dataset=data)\n    trainer.train()\n",
            "pkg/trainers.py": "class Trainer:\n    def train(self):\n        pass\n\n\nclass BaseTrainer(Trainer):\n    pass\n\n\nclass ContrastiveTrainer(BaseTrainer):\n    pass\n",
            "pkg/__init__.py": "",
        },
        expect="checkpoints every 500 steps",
        name="subclass-of-the-transformers-trainer-checkpoints",
    ),
    RuleCase(
        "GT505",
        {
            "mylib/__init__.py": "from .model import *\n",
            "mylib/model.py": "import torch\n\n\nclass Model(torch.nn.Module):\n    def fit(self, loader, epochs=3):\n        opt = torch.optim.AdamW(self.parameters())\n        for epoch in range(epochs):\n            for x, y in loader:\n                loss = torch.nn.functional.cross_entropy(self(x), y)\n                loss.backward()\n                opt.step()\n",
            "mylib/entry.py": 'import argparse\n\nfrom mylib import Model\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=3)\n    args = parser.parse_args()\n    Model().fit(loader(), args.epochs)\n\n\nif __name__ == "__main__":\n    main()\n',
            "run.sh": "#!/bin/bash\naccelerate launch --multi_gpu --num_processes 4 -m mylib.entry --epochs 10\n",
        },
        {
            "mylib/__init__.py": "from .model import *\n",
            "mylib/model.py": "import torch\n\n\nclass Model(torch.nn.Module):\n    def fit(self, loader, epochs=3):\n        opt = torch.optim.AdamW(self.parameters())\n        for epoch in range(epochs):\n            for x, y in loader:\n                loss = torch.nn.functional.cross_entropy(self(x), y)\n                loss.backward()\n                opt.step()\n",
            "mylib/entry.py": 'import argparse\n\nfrom other import Model\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--epochs", type=int, default=3)\n    args = parser.parse_args()\n    Model().fit(loader(), args.epochs)\n\n\nif __name__ == "__main__":\n    main()\n',
            "run.sh": "#!/bin/bash\naccelerate launch --multi_gpu --num_processes 4 -m mylib.entry --epochs 10\n",
        },
        expect="4 GPUs",
        name="module-launch-trains-through-a-package-init",
    ),
    RuleCase(
        "GT302",
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100 --patience 20\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100\n",
        },
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100 --patience 100\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100\n",
        },
        expect="--patience 20 (of 100 epochs)",
        name="a-launch-passes-a-working-patience-over-a-broken-default",
    ),
    RuleCase(
        "GT303",
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100 --patience 20\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100\n",
        },
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100 --patience 20\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --train_epochs 100 --patience 10\n",
        },
        expect="--patience defaults to 100",
        name="default-patience-that-every-launch-overrides-is-unused",
    ),
    RuleCase(
        "GT302",
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --patience 20\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --patience 10\n",
        },
        {
            "run.py": 'import argparse\n\nimport torch\n\nfrom tools import EarlyStopping\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--train_epochs", type=int, default=100)\nparser.add_argument("--patience", type=int, default=100)\nargs = parser.parse_args()\n\nstopper = EarlyStopping(patience=args.patience)\nfor epoch in range(args.train_epochs):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        loss.backward()\n        opt.step()\n    stopper(validate(model), model)\n    if stopper.early_stop:\n        break\n',
            "tools.py": "class EarlyStopping:\n    def __init__(self, patience=7):\n        self.patience = patience\n        self.counter = 0\n        self.early_stop = False\n",
            "scripts/weather.sh": "#!/bin/bash\npython -u run.py --model PatchTST --patience 100\n",
            "scripts/etth1.sh": "#!/bin/bash\npython -u run.py --model PatchTST --patience 99\n",
        },
        expect="EarlyStopping",
        name="every-launch-overriding-with-a-working-patience-keeps-the-stopper",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--gpu_id\", type=int, default=0)\nopt = parser.parse_args()\ndev = torch.device('cuda:%d' % opt.gpu_id)\n\nnet = Net().to(device=dev)\noptimizer = torch.optim.Adam(net.parameters(), lr=1e-3)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(net(x.to(dev)), y.to(dev))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--gpu_id\", type=int, default=0)\nopt = parser.parse_args()\ndev = torch.device('cpu:%d' % opt.gpu_id)\n\nnet = Net().to(device=dev)\noptimizer = torch.optim.Adam(net.parameters(), lr=1e-3)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(net(x.to(dev)), y.to(dev))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="cuda:<index>",
        name="gpu-device-numbered-at-run-time-percent",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--gpu_id\", type=int, default=0)\nopt = parser.parse_args()\ndev = torch.device(f'cuda:{opt.gpu_id}')\n\nnet = Net().to(device=dev)\noptimizer = torch.optim.Adam(net.parameters(), lr=1e-3)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(net(x.to(dev)), y.to(dev))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
        },
        {
            "train.py": "import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--gpu_id\", type=int, default=0)\nopt = parser.parse_args()\ndev = torch.device(f'{opt.device}:{opt.gpu_id}')\n\nnet = Net().to(device=dev)\noptimizer = torch.optim.Adam(net.parameters(), lr=1e-3)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(net(x.to(dev)), y.to(dev))\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n"
        },
        expect="cuda:<index>",
        name="gpu-device-numbered-at-run-time-fstring",
    ),
    RuleCase(
        "GT311",
        {
            "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 --load_model ../models/ctdet_coco_dla_2x.pth\n",
        },
        {
            "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 --load_model ../exp/mot/run0/model_last.pth\n",
        },
        expect="--load_model ../models/ctdet_coco_dla_2x.pth",
        name="launch-hands-a-coco-weights-file-to-any-option",
        extra_negatives=(
            {
                "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
                "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 --resume_from ../models/ctdet_coco_dla_2x.pth\n",
            },
        ),
    ),
    RuleCase(
        "GT311",
        {
            "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 -d 8 -b 48 -c pretrained/yolox_x.pth\n",
        },
        {
            "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
            "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 -d 8 -b 48 -c YOLOX_outputs/yolox_x/latest_ckpt.pth\n",
        },
        expect="-c pretrained/yolox_x.pth",
        name="launch-hands-a-file-from-a-pretrained-folder",
        extra_negatives=(
            {
                "src/train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("-c", "--ckpt", default=None)\nparser.add_argument("--load_model", default="")\nargs = parser.parse_args()\n\nmodel = Net()\nif args.ckpt or args.load_model:\n    model.load_state_dict(torch.load(args.ckpt or args.load_model), strict=False)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.01)\nfor epoch in range(30):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n',
                "experiments/ft.sh": "#!/bin/bash\ncd src\npython train.py mot --exp_id run1 --eval -c pretrained/yolox_x.pth\n",
            },
        ),
    ),
    RuleCase(
        "GT606",
        {
            "downstream.py": 'import torch\nfrom torchdrug import core, datasets, models, tasks\n\ntask = tasks.PropertyPrediction(models.GIN(), task=("y",))\noptimizer = torch.optim.Adam(task.parameters(), lr=1e-3)\nsolver = core.Engine(task, train_set, valid_set, test_set, optimizer, gpus=[0], batch_size=256)\nfor i in range(10):\n    solver.train(num_epoch=5)\n    solver.evaluate("valid")\n'
        },
        {
            "downstream.py": 'import torch\nfrom torchdrug import core, datasets, models, tasks\n\ntask = tasks.PropertyPrediction(models.GIN(), task=("y",))\noptimizer = torch.optim.Adam(task.parameters(), lr=1e-3)\nsolver = core.Engine(task, train_set, valid_set, test_set, optimizer, gpus=[0], batch_size=256)\nfor i in range(10):\n    solver.evaluate("valid")\n'
        },
        expect="trains models",
        name="torchdrug-engine-train-is-training",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": 'import tensorflow as tf\n\nmodel = build_model()\nmodel.compile(optimizer="adam", loss="mse")\nmodel.fit(train_ds, epochs=100, callbacks=[tf.keras.callbacks.EarlyStopping(patience=5)])\n',
            "config_hypertune.yaml": "trainingInput:\n  scaleTier: CUSTOM\n  hyperparameters:\n    goal: MINIMIZE\n    hyperparameterMetricTag: Loss\n    maxTrials: 4\n    enableTrialEarlyStopping: True\n    params:\n    - parameterName: learning_rate\n      type: DISCRETE\n      discreteValues: [0.0001, 0.001, 0.01]\n",
        },
        {
            "train.py": 'import tensorflow as tf\n\nmodel = build_model()\nmodel.compile(optimizer="adam", loss="mse")\nmodel.fit(train_ds, epochs=100)\n',
            "config_hypertune.yaml": "trainingInput:\n  scaleTier: CUSTOM\n  hyperparameters:\n    goal: MINIMIZE\n    hyperparameterMetricTag: Loss\n    maxTrials: 4\n    enableTrialEarlyStopping: True\n    params:\n    - parameterName: learning_rate\n      type: DISCRETE\n      discreteValues: [0.0001, 0.001, 0.01]\n",
        },
        expect="EarlyStopping",
        name="trial-early-stopping-of-a-tuning-job-is-not-trainings",
    ),
    RuleCase(
        "GT301",
        {
            "train.py": 'import tensorflow as tf\n\nmodel = build_model()\nmodel.compile(optimizer="adam", loss="mse")\nmodel.fit(train_ds, epochs=100)\n',
            "config_hypertune.yaml": "trainingInput:\n  scaleTier: CUSTOM\n  hyperparameters:\n    goal: MINIMIZE\n    hyperparameterMetricTag: Loss\n    maxTrials: 4\n    enableTrialEarlyStopping: True\n    params:\n    - parameterName: learning_rate\n      type: DISCRETE\n      discreteValues: [0.0001, 0.001, 0.01]\n",
        },
        {
            "train.py": 'import tensorflow as tf\n\nmodel = build_model()\nmodel.compile(optimizer="adam", loss="mse")\nmodel.fit(train_ds, epochs=100)\n',
            "config_hypertune.yaml": "trainingInput:\n  scaleTier: CUSTOM\n  hyperparameters:\n    goal: MINIMIZE\n    hyperparameterMetricTag: Loss\n    \n    params:\n    - parameterName: learning_rate\n      type: DISCRETE\n      discreteValues: [0.0001, 0.001, 0.01]\n",
        },
        expect="maxTrials: 4",
        name="ai-platform-tuning-job-caps-its-trials",
    ),
    RuleCase(
        "GT311",
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom asteroid.models import ConvTasNet\n\nmodel = ConvTasNet(n_src=2)\ntrainer = pl.Trainer(max_epochs=200)\ntrainer.fit(system)\ntorch.save(model.serialize(), os.path.join(exp_dir, "best_model.pth"))\n',
            "eval.py": 'import os\n\nfrom asteroid.models import ConvTasNet\n\n\ndef main(conf):\n    model_path = "JorisCos/ConvTasNet_Libri2Mix_sepclean_16k"\n    model = ConvTasNet.from_pretrained(model_path)\n    evaluate(model)\n',
        },
        {
            "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom asteroid.models import ConvTasNet\n\nmodel = ConvTasNet(n_src=2)\ntrainer = pl.Trainer(max_epochs=200)\ntrainer.fit(system)\ntorch.save(model.serialize(), os.path.join(exp_dir, "best_model.pth"))\n',
            "eval.py": 'import os\n\nfrom asteroid.models import ConvTasNet\n\n\ndef main(conf):\n    model_path = os.path.join(conf["exp_dir"], "best_model.pth")\n    model = ConvTasNet.from_pretrained(model_path)\n    evaluate(model)\n',
        },
        expect="from_pretrained",
        name="evaluation-reloading-the-runs-best-model-is-no-transfer",
        extra_negatives=(
            {
                "train.py": 'import torch\nimport pytorch_lightning as pl\nfrom asteroid.models import ConvTasNet\n\nmodel = ConvTasNet(n_src=2)\ntrainer = pl.Trainer(max_epochs=200)\ntrainer.fit(system)\ntorch.save(model.serialize(), os.path.join(exp_dir, "best_model.pth"))\n',
                "eval.py": "import os\n\nfrom asteroid.models import ConvTasNet\n\n\ndef main(conf):\n    model = ConvTasNet.from_pretrained(training_args.output_dir)\n    evaluate(model)\n",
            },
        ),
    ),
    RuleCase(
        "GT101",
        {
            "train.py": 'import yaml\nimport torch\n\nconf = yaml.safe_load(open("configs/config.yaml"))\nfor epoch in range(3):\n    for batch in loader:\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n',
            "configs/config.yaml": "defaults:\n  learning_rate: 1e-5\n  num_train_epochs: 3\n\nsft:\n  datasets:\n    - webgpt\n    - prosocial_dialogue:\n        fraction: 0.1\n    - explain_prosocial:\n        fraction: 0.05\n",
        },
        {
            "train.py": 'import yaml\nimport torch\n\nconf = yaml.safe_load(open("configs/config.yaml"))\nfor epoch in range(3):\n    for batch in loader:\n        loss = model(**batch).loss\n        loss.backward()\n        optimizer.step()\n',
            "configs/config.yaml": "defaults:\n  learning_rate: 1e-5\n  num_train_epochs: 3\n\nsft:\n  datasets:\n    - webgpt\n    - prosocial_dialogue:\n        fraction: 0.7\n    - explain_prosocial:\n        fraction: 0.3\n",
        },
        expect="prosocial_dialogue.fraction: 0.1",
        name="share-of-a-corpus-in-a-list-of-datasets",
    ),
    RuleCase(
        "GT405",
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n\ncfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/_base_/default_runtime.py": 'default_scope = "mmdet3d"\ndefault_hooks = dict(\n    timer=dict(type="IterTimerHook"),\n    checkpoint=dict(type="CheckpointHook", interval=-1),\n)\n',
            "configs/_base_/schedules/cyclic-40e.py": 'lr = 0.001\noptim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="AdamW", lr=lr))\ntrain_cfg = dict(by_epoch=True, max_epochs=40, val_interval=1)\n',
            "configs/pointpillars/pp_kitti.py": '_base_ = [\n    "../_base_/schedules/cyclic-40e.py",\n    "../_base_/default_runtime.py",\n]\nmodel = dict(type="VoxelNet")\n',
        },
        {
            "tools/train.py": "from mmengine.config import Config\nfrom mmengine.runner import Runner\n\ncfg = Config.fromfile(args.config)\nrunner = Runner.from_cfg(cfg)\nrunner.train()\n",
            "configs/_base_/default_runtime.py": 'default_scope = "mmdet3d"\ndefault_hooks = dict(\n    timer=dict(type="IterTimerHook"),\n    checkpoint=dict(type="CheckpointHook", interval=-1),\n)\n',
            "configs/_base_/schedules/cyclic-40e.py": 'lr = 0.001\noptim_wrapper = dict(type="OptimWrapper", optimizer=dict(type="AdamW", lr=lr))\ntrain_cfg = dict(by_epoch=True, max_epochs=40, val_interval=1)\n',
            "configs/pointpillars/pp_kitti.py": '_base_ = [\n    "../_base_/schedules/cyclic-40e.py",\n]\nmodel = dict(type="VoxelNet")\n',
            "configs/other/runtime_only.py": '_base_ = "../_base_/default_runtime.py"\n',
        },
        expect="max_epochs=40",
        name="checkpoints-off-in-a-base-config-whose-sibling-sets-the-run-length",
    ),
    RuleCase(
        "GT207",
        {
            "train.py": 'import argparse\n\nimport torch\nfrom transformers import AutoConfig, AutoModelForCausalLM\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--use_flash_attn", action="store_true")\nargs = parser.parse_args()\n\n\ndef build(path):\n    config = AutoConfig.from_pretrained(path)\n    config.llm_config.attn_implementation = \'flash_attention_2\'\n    return AutoModelForCausalLM.from_pretrained(path, config=config, torch_dtype=torch.bfloat16)\n\n\nmodel = build("internlm/internlm2-chat-7b")\ntrainer = Trainer(model=model, args=training_args)\ntrainer.train()\n'
        },
        {
            "train.py": 'import argparse\n\nimport torch\nfrom transformers import AutoConfig, AutoModelForCausalLM\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--use_flash_attn", action="store_true")\nargs = parser.parse_args()\n\n\ndef build(path):\n    config = AutoConfig.from_pretrained(path)\n    config.llm_config.attn_implementation = \'eager\'\n    return AutoModelForCausalLM.from_pretrained(path, config=config, torch_dtype=torch.bfloat16)\n\n\nmodel = build("internlm/internlm2-chat-7b")\ntrainer = Trainer(model=model, args=training_args)\ntrainer.train()\n'
        },
        expect="config.llm_config.attn_implementation = 'flash_attention_2'",
        name="flash-attention-set-on-the-model-config",
        extra_negatives=(
            {
                "train.py": 'import argparse\n\nimport torch\nfrom transformers import AutoConfig, AutoModelForCausalLM\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--use_flash_attn", action="store_true")\nargs = parser.parse_args()\n\n\ndef build(path):\n    config = AutoConfig.from_pretrained(path)\n    if args.use_flash_attn:\n        config._attn_implementation = \'flash_attention_2\'\n    return AutoModelForCausalLM.from_pretrained(path, config=config, torch_dtype=torch.bfloat16)\n\n\nmodel = build("internlm/internlm2-chat-7b")\ntrainer = Trainer(model=model, args=training_args)\ntrainer.train()\n'
            },
        ),
    ),
    RuleCase(
        "GT606",
        {
            "run_sac.py": 'from absl import app, flags\nfrom acme.agents.jax import sac\nfrom acme.jax import experiments\nimport launchpad as lp\n\nFLAGS = flags.FLAGS\n\n\ndef build_experiment_config():\n    return experiments.ExperimentConfig(\n        builder=sac.SACBuilder(sac.SACConfig()),\n        environment_factory=make_environment,\n        network_factory=sac.make_networks,\n        max_num_actor_steps=1_000_000,\n    )\n\n\ndef main(_):\n    config = build_experiment_config()\n    experiments.run_experiment(experiment=config, eval_every=50_000)\n\n\nif __name__ == "__main__":\n    app.run(main)\n'
        },
        {
            "run_sac.py": 'from absl import app, flags\nfrom acme.agents.jax import sac\nfrom acme.jax import experiments\nimport launchpad as lp\n\nFLAGS = flags.FLAGS\n\n\ndef build_experiment_config():\n    return experiments.ExperimentConfig(\n        builder=sac.SACBuilder(sac.SACConfig()),\n        environment_factory=make_environment,\n        network_factory=sac.make_networks,\n        max_num_actor_steps=1_000_000,\n    )\n\n\ndef main(_):\n    config = build_experiment_config()\n    experiments.make_experiment_logger(config)\n\n\nif __name__ == "__main__":\n    app.run(main)\n'
        },
        expect="trains models",
        name="acme-run-experiment-trains",
    ),
    RuleCase(
        "GT606",
        {
            "start.py": 'import evalml\nfrom evalml.automl import AutoMLSearch\n\nX, y = evalml.demos.load_breast_cancer()\nX_train, X_holdout, y_train, y_holdout = evalml.preprocessing.split_data(X, y, problem_type="binary")\nautoml = AutoMLSearch(X_train=X_train, y_train=y_train, problem_type="binary", max_iterations=5)\nautoml.search()\npipeline = automl.best_pipeline\npipeline.fit(X_train, y_train)\n'
        },
        {
            "start.py": 'import mylib as evalml\nfrom mylib import AutoMLSearch\n\nX, y = evalml.demos.load_breast_cancer()\nX_train, X_holdout, y_train, y_holdout = evalml.preprocessing.split_data(X, y, problem_type="binary")\nautoml = AutoMLSearch(X_train=X_train, y_train=y_train, problem_type="binary", max_iterations=5)\nautoml.search()\npipeline = automl.best_pipeline\npipeline.fit(X_train, y_train)\n'
        },
        expect="trains models",
        name="evalml-pipelines-fit-models",
    ),
    RuleCase(
        "GT301",
        {
            "start.py": 'import evalml\nfrom evalml.automl import AutoMLSearch\n\nX, y = evalml.demos.load_breast_cancer()\nX_train, X_holdout, y_train, y_holdout = evalml.preprocessing.split_data(X, y, problem_type="binary")\nautoml = AutoMLSearch(X_train=X_train, y_train=y_train, problem_type="binary", max_batches=1)\nautoml.search()\npipeline = automl.best_pipeline\npipeline.fit(X_train, y_train)\n'
        },
        {
            "start.py": 'import evalml\nfrom evalml.automl import AutoMLSearch\n\nX, y = evalml.demos.load_breast_cancer()\nX_train, X_holdout, y_train, y_holdout = evalml.preprocessing.split_data(X, y, problem_type="binary")\nautoml = AutoMLSearch(X_train=X_train, y_train=y_train, problem_type="binary")\nautoml.search()\npipeline = automl.best_pipeline\npipeline.fit(X_train, y_train)\n'
        },
        expect="AutoMLSearch(max_batches=1)",
        name="evalml-search-capped-by-batches",
    ),
    RuleCase(
        "GT311",
        {
            "cm_train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_path", default="")\nparser.add_argument("--teacher_model_path", default="")\nparser.add_argument("--batch_size", type=int, default=64)\nargs = parser.parse_args()\n\nmodel = Net()\nif args.model_path:\n    model.load_state_dict(torch.load(args.model_path))\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor step in range(100000):\n    loss = criterion(model(next(data)), target)\n    loss.backward()\n    optimizer.step()\n',
            "image_sample.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_path", default="")\nparser.add_argument("--teacher_model_path", default="")\nparser.add_argument("--batch_size", type=int, default=64)\nargs = parser.parse_args()\n\nmodel = Net()\nif args.model_path:\n    model.load_state_dict(torch.load(args.model_path))\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor step in range(100000):\n    loss = criterion(model(next(data)), target)\n    loss.backward()\n    optimizer.step()\n',
            "launch.sh": "#!/bin/bash\nmpiexec -n 8 python cm_train.py --batch_size 256 --model_path /path/to/edm_imagenet64_ema.pt\n",
        },
        {
            "cm_train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_path", default="")\nparser.add_argument("--teacher_model_path", default="")\nparser.add_argument("--batch_size", type=int, default=64)\nargs = parser.parse_args()\n\nmodel = Net()\nif args.model_path:\n    model.load_state_dict(torch.load(args.model_path))\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor step in range(100000):\n    loss = criterion(model(next(data)), target)\n    loss.backward()\n    optimizer.step()\n',
            "image_sample.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_path", default="")\nparser.add_argument("--teacher_model_path", default="")\nparser.add_argument("--batch_size", type=int, default=64)\nargs = parser.parse_args()\n\nmodel = Net()\nif args.model_path:\n    model.load_state_dict(torch.load(args.model_path))\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor step in range(100000):\n    loss = criterion(model(next(data)), target)\n    loss.backward()\n    optimizer.step()\n',
            "launch.sh": "#!/bin/bash\nmpiexec -n 8 python image_sample.py --batch_size 256 --model_path /path/to/edm_imagenet64_ema.pt\n",
        },
        expect="--model_path /path/to/edm_imagenet64_ema.pt",
        name="weights-for-pre-training-only-on-a-script-named-for-training",
        extra_negatives=(
            {
                "cm_train.py": 'import argparse\n\nimport torch\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_path", default="")\nparser.add_argument("--teacher_model_path", default="")\nparser.add_argument("--batch_size", type=int, default=64)\nargs = parser.parse_args()\n\nmodel = Net()\nif args.model_path:\n    model.load_state_dict(torch.load(args.model_path))\noptimizer = torch.optim.Adam(model.parameters(), lr=1e-4)\nfor step in range(100000):\n    loss = criterion(model(next(data)), target)\n    loss.backward()\n    optimizer.step()\n',
                "launch.sh": "#!/bin/bash\nmpiexec -n 8 python cm_train.py --batch_size 256 --teacher_model_path /path/to/edm_imagenet64_ema.pt\n",
            },
        ),
    ),
    RuleCase(
        "GT306",
        {
            "wenet/bin/train.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "wenet/bin/recognize.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "run.sh": "#!/bin/bash\nfor mode in ctc_greedy_search ctc_prefix_beam_search attention attention_rescoring; do\n  python wenet/bin/train.py --mode $mode --config conf/train.yaml --checkpoint exp/avg.pt --batch_size 16\ndone\n",
        },
        {
            "wenet/bin/train.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "wenet/bin/recognize.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "run.sh": "#!/bin/bash\nfor mode in ctc_greedy_search ctc_prefix_beam_search attention attention_rescoring; do\n  python wenet/bin/recognize.py --mode $mode --config conf/train.yaml --checkpoint exp/avg.pt --batch_size 16\ndone\n",
        },
        expect="4",
        name="decoding-loop-over-modes-trains-nothing",
    ),
    RuleCase(
        "GT306",
        {
            "edm_train.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "image_sample.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "launch.sh": "for lr in 0.1 0.03 0.01 0.001; do\n  mpiexec -n 8 python edm_train.py --lr $lr --batch_size 256\ndone\n",
        },
        {
            "edm_train.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "image_sample.py": "import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.Adam(model.parameters())\nfor epoch in range(240):\n    for x, y in loader:\n        loss = model(x.cuda(), y.cuda())\n        loss.backward()\n        optimizer.step()\n",
            "launch.sh": "for s in 10 20 40 80; do\n  mpiexec -n 8 python image_sample.py --steps $s --batch_size 256\ndone\n",
        },
        expect="4 full training runs",
        name="mpiexec-runs-the-python-command-it-wraps",
    ),
    RuleCase(
        "GT311",
        {
            "tools/run_net.py": "import torch\n\nfor epoch in range(196):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
            "configs/Kinetics/C2D.yaml": "TRAIN:\n  ENABLE: True\n  DATASET: kinetics\n  BATCH_SIZE: 64\n  CHECKPOINT_FILE_PATH: /checkpoints/imagenet50_pretrain.pyth\n  CHECKPOINT_INFLATE: False\nMODEL:\n  NUM_CLASSES: 400\n",
        },
        {
            "tools/run_net.py": "import torch\n\nfor epoch in range(196):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
            "configs/Kinetics/C2D.yaml": "TRAIN:\n  ENABLE: True\n  DATASET: kinetics\n  BATCH_SIZE: 64\n  CHECKPOINT_FILE_PATH: /checkpoints/run_42/checkpoint_epoch_00010.pyth\n  CHECKPOINT_INFLATE: False\nMODEL:\n  NUM_CLASSES: 400\n",
        },
        expect="TRAIN.CHECKPOINT_FILE_PATH: /checkpoints/imagenet50_pretrain.pyth",
        name="slowfast-checkpoint-named-as-pretrained-without-inflation",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": "import torch\n\nmodel = torch.nn.Linear(2, 2)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        opt.step()\n",
            "README.md": "# Train\n\n```bash\npython -m torch.distributed.launch --nproc_per_node=4 train.py -c config.yaml\n```\n",
        },
        {
            "train.py": "import torch\n\nmodel = torch.nn.Linear(2, 2)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nfor epoch in range(100):\n    for x, y in loader:\n        with torch.autocast('cuda'):\n            loss = criterion(model(x), y)\n        loss.backward()\n        opt.step()\n",
            "README.md": "# Train\n\n```bash\npython -m torch.distributed.launch --nproc_per_node=4 train.py -c config.yaml\n```\n",
        },
        expect="(python -m torch.distributed.launch --nproc_per_node 4)",
        name="gpu-label-names-the-launcher-module",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=True)\n",
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
        },
        expect="autocast",
        name="autocast-behind-a-parameter-no-caller-switches-on",
        extra_negatives=(
            {
                "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
                "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, False)\n",
            },
            {
                "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
                "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt)\n",
            },
            {
                "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if False:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
                "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
            },
        ),
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, **settings)\n",
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
        },
        expect="autocast",
        name="parameter-switch-passed-through-kwargs-may-be-on",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\nworker = functools.partial(train, amp=True)\n",
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
        },
        expect="autocast",
        name="parameter-switch-set-by-a-partial-may-be-on",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
            "config.yaml": "amp: true\nlr: 0.001\n",
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import GradScaler, autocast\n\n\ndef train(opt, amp=False):\n    model = build(opt).cuda()\n    optimizer = torch.optim.Adam(model.parameters(), lr=opt.lr)\n    for epoch in range(opt.epochs):\n        for images, labels in loader:\n            if amp:\n                with autocast():\n                    loss = criterion(model(images.cuda()), labels.cuda())\n                scaler.scale(loss).backward()\n                scaler.step(optimizer)\n                scaler.update()\n            else:\n                loss = criterion(model(images.cuda()), labels.cuda())\n                loss.backward()\n                optimizer.step()\n",
            "run.py": "from train import train\n\nopt = get_config('config.yaml')\ntrain(opt, amp=False)\n",
            "config.yaml": "amp: false\nlr: 0.001\n",
        },
        expect="autocast",
        name="parameter-switch-a-config-turns-on-may-be-on",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": 'import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for x, y in loader:\n        with torch.autocast(device_type="cuda", dtype=torch.bfloat16):\n            loss = criterion(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "train.py": 'import torch\n\nmodel = Net().cuda()\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for x, y in loader:\n        with torch.autocast(device_type="cuda", dtype=torch.float32):\n            loss = criterion(model(x.cuda()), y.cuda())\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="torch.autocast",
        name="autocast-to-float32-is-full-precision",
    ),
    RuleCase(
        "GT402",
        {
            "train.py": 'import os\nimport torch\n\nos.environ["CUDA_VISIBLE_DEVICES"] = "0"\nmodel = Net()\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n'
        },
        {
            "train.py": 'import os\nimport torch\n\nos.environ["CUDA_VISIBLE_DEVICES"] = ""\nmodel = Net()\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n'
        },
        expect="CUDA_VISIBLE_DEVICES = '0'",
        name="gpu-chosen-through-os-environ",
        extra_negatives=(
            {
                "train.py": 'import os\nimport torch\n\nos.environ["CUDA_VISIBLE_DEVICES"] = "-1"\nmodel = Net()\noptimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\nfor epoch in range(100):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n'
            },
        ),
    ),
    RuleCase(
        "GT101",
        {
            "opts.py": 'import argparse\n\ndef parse_opts():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--sample_size", default=112, type=int, help="Number of training examples to draw")\n    parser.add_argument("--n_epochs", default=200, type=int)\n    return parser.parse_args()\n',
            "main.py": "import torch\nfrom opts import parse_opts\n\nopt = parse_opts()\nfor epoch in range(opt.n_epochs):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "opts.py": 'import argparse\n\ndef parse_opts():\n    parser = argparse.ArgumentParser()\n    parser.add_argument("--sample_size", default=112, type=int, help="Height and width of inputs")\n    parser.add_argument("--n_epochs", default=200, type=int)\n    return parser.parse_args()\n',
            "main.py": "import torch\nfrom opts import parse_opts\n\nopt = parse_opts()\nfor epoch in range(opt.n_epochs):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="sample_size=112",
        name="sample-size-option-named-a-frame-size-is-no-sample",
    ),
    RuleCase(
        "GT311",
        {
            "model.py": 'import torch\n\n\ndef generate_model(opt):\n    model = resnet.resnet34(num_classes=opt.n_classes)\n    model = model.cuda()\n    if opt.pretrain_path:\n        pretrain = torch.load(opt.pretrain_path)\n        model.load_state_dict(pretrain["state_dict"])\n    return model\n',
            "main.py": "import torch\nfrom model import generate_model\n\nmodel = generate_model(opt)\nfor epoch in range(200):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "model.py": 'import torch\n\n\ndef generate_model(opt):\n    model = resnet.resnet34(num_classes=opt.n_classes)\n    model = model.cuda()\n    if opt.resume_path:\n        resume = torch.load(opt.resume_path)\n        model.load_state_dict(resume["state_dict"])\n    return model\n',
            "main.py": "import torch\nfrom model import generate_model\n\nmodel = generate_model(opt)\nfor epoch in range(200):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="load of pre-trained weights",
        name="weights-loaded-from-a-pretrain-path",
    ),
    RuleCase(
        "GT311",
        {
            "utils/model.py": 'import torch\n\n\ndef get_model(config, device):\n    name = config["net"]["model"]\n    if name == "MelGAN":\n        net = torch.hub.load("descriptinc/melgan-neurips", "load_melgan", "linda_johnson")\n        net.mel2wav.eval()\n        net.mel2wav.to(device)\n    return net\n',
            "train.py": "import torch\nfrom utils.model import get_model\n\nmodel = FastSpeech2(config).cuda()\nvocoder = get_model(config, device)\nfor epoch in range(900):\n    for batch in loader:\n        loss = criterion(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "utils/model.py": 'import torch\n\n\ndef get_vocoder(config, device):\n    name = config["vocoder"]["model"]\n    if name == "MelGAN":\n        vocoder = torch.hub.load("descriptinc/melgan-neurips", "load_melgan", "linda_johnson")\n        vocoder.mel2wav.eval()\n        vocoder.mel2wav.to(device)\n    return vocoder\n',
            "train.py": "import torch\nfrom utils.model import get_vocoder\n\nmodel = FastSpeech2(config).cuda()\nvocoder = get_vocoder(config, device)\nfor epoch in range(900):\n    for batch in loader:\n        loss = criterion(model(batch), batch)\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="torch.hub.load",
        name="hub-model-loaded-as-a-vocoder-is-no-starting-point",
    ),
    RuleCase(
        "GT405",
        {
            "run.sh": "#!/bin/bash\npython3 -u run_ner.py --model_name_or_path michiyasunaga/BioLinkBERT-base \\\n  --do_train --do_eval --num_train_epochs 20 --save_strategy no \\\n  --output_dir runs/pico\npython3 -u run_ner.py --model_name_or_path michiyasunaga/BioLinkBERT-base \\\n  --do_train --do_eval --num_train_epochs 30 --save_strategy steps \\\n  --output_dir runs/bc5chem\n",
            "run_ner.py": "from transformers import Trainer, TrainingArguments, HfArgumentParser\n\nparser = HfArgumentParser((TrainingArguments,))\n(training_args,) = parser.parse_args_into_dataclasses()\ntrainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)\ntrainer.train()\n",
        },
        {
            "run.sh": "#!/bin/bash\npython3 -u run_ner.py --model_name_or_path michiyasunaga/BioLinkBERT-base \\\n  --do_train --do_eval --num_train_epochs 1 --save_strategy no \\\n  --output_dir runs/pico\npython3 -u run_ner.py --model_name_or_path michiyasunaga/BioLinkBERT-base \\\n  --do_train --do_eval --num_train_epochs 30 --save_strategy steps \\\n  --output_dir runs/bc5chem\n",
            "run_ner.py": "from transformers import Trainer, TrainingArguments, HfArgumentParser\n\nparser = HfArgumentParser((TrainingArguments,))\n(training_args,) = parser.parse_args_into_dataclasses()\ntrainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)\ntrainer.train()\n",
        },
        expect="long run (--num_train_epochs 20)",
        name="each-command-judged-by-its-own-epochs",
    ),
    RuleCase(
        "GT408",
        {
            "exp/exp_forecast.py": 'import torch\n\n\nclass Exp:\n    def vali(self, loader, criterion):\n        total = []\n        self.model.eval()\n        with torch.no_grad():\n            for x, y in loader:\n                loss = criterion(self.model(x), y)\n                loss = loss.detach().cpu()\n                total.append(loss)\n        return sum(total) / len(total)\n\n    def train(self, loader, criterion, optimizer):\n        for epoch in range(10):\n            epoch_loss = torch.tensor(0.0, device="cuda")\n            for x, y in loader:\n                loss = criterion(self.model(x), y)\n                epoch_loss += loss\n                loss.backward()\n                optimizer.step()\n'
        },
        {
            "exp/exp_forecast.py": 'import torch\n\n\nclass Exp:\n    def vali(self, loader, criterion):\n        total = []\n        self.model.eval()\n        with torch.no_grad():\n            for x, y in loader:\n                loss = criterion(self.model(x), y)\n                loss = loss.detach().cpu()\n                total.append(loss)\n        return sum(total) / len(total)\n\n    def train(self, loader, criterion, optimizer):\n        for epoch in range(10):\n            epoch_loss = torch.tensor(0.0, device="cuda")\n            for x, y in loader:\n                loss = criterion(self.model(x), y)\n                epoch_loss += loss.item()\n                loss.backward()\n                optimizer.step()\n'
        },
        expect="epoch_loss += loss",
        name="loss-detached-only-in-the-evaluation-function",
    ),
    RuleCase(
        "GT508",
        {
            "train.py": 'import os\nimport datasets\nfrom datasets import load_dataset\nfrom transformers import Trainer\n\ncache = os.path.join(args.data_path, "tokenized")\nif os.path.exists(cache):\n    train_dataset = datasets.load_from_disk(cache, keep_in_memory=False)\nelse:\n    train_dataset = load_dataset("json", data_files=files)["train"].map(tokenize, batched=True)\n    train_dataset.save_to_disk(cache)\ntrainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)\ntrainer.train()\n'
        },
        {
            "train.py": 'import os\nimport datasets\nfrom datasets import load_dataset\nfrom transformers import Trainer\n\ncache = os.path.join(args.data_path, "tokenized")\nif os.path.exists(cache):\n    train_dataset = datasets.load_from_disk(cache, keep_in_memory=True)\nelse:\n    train_dataset = load_dataset("json", data_files=files)["train"].map(tokenize, batched=True)\n    train_dataset.save_to_disk(cache)\ntrainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)\ntrainer.train()\n'
        },
        expect="load_from_disk",
        name="tokenized-dataset-saved-and-read-back-memory-mapped",
    ),
    RuleCase(
        "GT606",
        {
            "train.py": 'from pykeen.pipeline import pipeline\n\nresult = pipeline(\n    model="TransE",\n    dataset="Nations",\n    training_kwargs=dict(num_epochs=100),\n)\nresult.save_to_directory("nations_transe")\n'
        },
        {
            "train.py": 'import pykeen\nfrom transformers import pipeline\n\nclassifier = pipeline("sentiment-analysis")\nprint(classifier("a fine day"), pykeen.get_version())\n'
        },
        name="pykeen-pipeline-trains-a-model",
    ),
    RuleCase(
        "GT404",
        {
            "main.py": 'from pykeen.training import SLCWATrainingLoop\n\n\ndef main():\n    training_loop = SLCWATrainingLoop(model=model, triples_factory=tf, optimizer=optimizer)\n    for block in range(30):\n        losses = training_loop.train(tf, num_epochs=10, batch_size=500_000)\n        model.save_state("model.pkl")\n'
        },
        {
            "main.py": 'from pykeen.training import SLCWATrainingLoop\n\n\ndef main():\n    training_loop = SLCWATrainingLoop(model=model, triples_factory=tf, optimizer=optimizer)\n    losses = training_loop.train(tf, num_epochs=300, batch_size=500_000)\n    model.save_state("model.pkl")\n'
        },
        expect="save_state",
        name="save-state-once-after-a-library-training-run",
    ),
    RuleCase(
        "GT103",
        {
            "main.py": 'import pandas as pd\nfrom pykeen.triples import TriplesFactory\nfrom pykeen.pipeline import pipeline\n\ndf = pd.read_csv("interactions.tsv", sep="\\t")\ndf = df[["subject", "object"]].drop_duplicates()\ntf = TriplesFactory.from_labeled_triples(df.values)\nresult = pipeline(training=tf, testing=tf, model="TransE", training_kwargs=dict(num_epochs=300))\n'
        },
        {
            "main.py": 'import pandas as pd\nfrom pykeen.triples import TriplesFactory\nfrom pykeen.pipeline import pipeline\n\ndf = pd.read_csv("interactions.tsv", sep="\\t")\nusers = df[["subject", "object"]].drop_duplicates()\ntf = TriplesFactory.from_labeled_triples(df.values)\nresult = pipeline(training=tf, testing=tf, model="TransE", training_kwargs=dict(num_epochs=300))\n'
        },
        expect="drop_duplicates",
        name="frame-cut-to-its-columns-and-deduplicated",
    ),
    RuleCase(
        "GT311",
        {
            "generators.py": "from fastai.vision import *\nfrom fastai.vision.learner import cnn_config, create_body\n\n\ndef unet_learner_wide(data, arch, blur=False):\n    body = create_body(arch, pretrained=True)\n    model = DynamicUnetWide(body, n_classes=data.c, blur=blur)\n    learn = Learner(data, model)\n    learn.freeze()\n    return learn\n",
            "train.py": 'from fastai.vision import *\nfrom generators import unet_learner_wide\n\nlearn = unet_learner_wide(data, arch=models.resnet34)\nlearn.fit_one_cycle(10, slice(1e-3))\nlearn.save("colorize_gen")\n',
        },
        {
            "generators.py": "from fastai.vision import *\nfrom fastai.vision.learner import cnn_config, create_body\n\n\ndef unet_learner_wide(data, arch, blur=False):\n    body = create_body(arch, pretrained=False)\n    model = DynamicUnetWide(body, n_classes=data.c, blur=blur)\n    learn = Learner(data, model)\n    learn.freeze()\n    return learn\n",
            "train.py": 'from fastai.vision import *\nfrom generators import unet_learner_wide\n\nlearn = unet_learner_wide(data, arch=models.resnet34)\nlearn.fit_one_cycle(10, slice(1e-3))\nlearn.save("colorize_gen")\n',
        },
        expect="create_body(pretrained=True)",
        name="fastai-only-file-builds-a-pretrained-body",
    ),
    RuleCase(
        "GT301",
        {
            "hpo.py": 'from pykeen.hpo import hpo_pipeline\n\nresult = hpo_pipeline(\n    dataset="Nations",\n    model="TransE",\n    n_trials=30,\n)\nresult.save_to_directory("nations_transe_hpo")\n'
        },
        {
            "hpo.py": 'from pykeen.hpo import hpo_pipeline\n\nresult = hpo_pipeline(\n    dataset="Nations",\n    model="TransE",\n)\nresult.save_to_directory("nations_transe_hpo")\n'
        },
        expect="pykeen hpo_pipeline(n_trials=30)",
        name="pykeen-hpo-pipeline-capped-by-trials",
    ),
    RuleCase(
        "GT301",
        {
            "hpo.py": 'from pykeen.hpo import hpo_pipeline\n\nresult = hpo_pipeline(\n    dataset="Nations",\n    model="TransE",\n)\nresult.save_to_directory("nations_transe_hpo")\n',
            "config/hpo.json": '{\n  "optuna": {\n    "n_trials": 100,\n    "timeout": 86400,\n    "sampler": "random"\n  },\n  "pipeline": {"model": "ComplEx", "training_kwargs": {"num_epochs": 1000}}\n}\n',
        },
        {
            "hpo.py": 'from pykeen.hpo import hpo_pipeline\n\nresult = hpo_pipeline(\n    dataset="Nations",\n    model="TransE",\n)\nresult.save_to_directory("nations_transe_hpo")\n',
            "config/hpo.json": '{\n  "optuna": {\n    "sampler": "random"\n  },\n  "pipeline": {"model": "ComplEx", "training_kwargs": {"num_epochs": 1000}}\n}\n',
        },
        expect="optuna.n_trials: 100",
        name="pykeen-hpo-config-capped-by-trials",
    ),
    RuleCase(
        "GT302",
        {
            "train.py": 'from pykeen.pipeline import pipeline\n\nresult = pipeline(\n    dataset="Nations",\n    model="TransE",\n    stopper="early",\n    stopper_kwargs=dict(frequency=5, patience=2),\n    training_kwargs=dict(num_epochs=1000),\n)\n'
        },
        {
            "train.py": 'from pykeen.pipeline import pipeline\n\nresult = pipeline(\n    dataset="Nations",\n    model="TransE",\n    stopper=None,\n    stopper_kwargs=dict(frequency=5, patience=2),\n    training_kwargs=dict(num_epochs=1000),\n)\n'
        },
        expect="stopper='early'",
        name="pykeen-pipeline-with-its-early-stopper",
    ),
    RuleCase(
        "GT401",
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast\n\n\ndef train(data, amp=False):\n    model = build().cuda()\n    model.train()\n    for epoch in range(100):\n        for x, y in data:\n            if amp:\n                with autocast():\n                    loss = criterion(model(x.cuda()), y.cuda())\n            else:\n                loss = criterion(model(x.cuda()), y.cuda())\n            loss.backward()\n            optimizer.step()\n"
        },
        {
            "train.py": "import torch\nfrom torch.cuda.amp import autocast\n\n\ndef train(data, amp=False):\n    model = build().cuda()\n    model.train()\n    for epoch in range(100):\n        for x, y in data:\n            if amp:\n                with autocast():\n                    loss = criterion(model(x.cuda()), y.cuda())\n            else:\n                loss = criterion(model(x.cuda()), y.cuda())\n            loss.backward()\n            optimizer.step()\n\n\nif __name__ == '__main__':\n    train(load_data(), amp=False)\n"
        },
        expect="autocast",
        name="a-module-train-call-does-not-show-who-calls-the-function",
    ),
    RuleCase(
        "GT404",
        {
            "main.py": "import torch\nfrom train import train_epoch\n\n\ndef main(opt):\n    model = build(opt).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    for i in range(1, opt.n_epochs + 1):\n        train_epoch(i, loader, model, criterion, optimizer, opt)\n",
            "train.py": "import os\nimport torch\n\n\ndef train_epoch(epoch, loader, model, criterion, optimizer, opt):\n    model.train()\n    for inputs, targets in loader:\n        loss = criterion(model(inputs.cuda()), targets.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    if epoch % opt.checkpoint == 0:\n        path = os.path.join(opt.result_path, 'save_{}.pth'.format(epoch))\n        states = {'epoch': epoch + 1, 'weights': model.state_dict()}\n        torch.save(states, path)\n",
        },
        {
            "main.py": "import torch\nfrom train import train_epoch\n\n\ndef main(opt):\n    model = build(opt).cuda()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    for i in range(1, opt.n_epochs + 1):\n        train_epoch(i, loader, model, criterion, optimizer, opt)\n",
            "train.py": "import os\nimport torch\n\n\ndef train_epoch(epoch, loader, model, criterion, optimizer, opt):\n    model.train()\n    for inputs, targets in loader:\n        loss = criterion(model(inputs.cuda()), targets.cuda())\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n    if epoch % opt.log_interval == 0:\n        path = os.path.join(opt.result_path, 'save_{}.pth'.format(epoch))\n        states = {'epoch': epoch + 1, 'weights': model.state_dict()}\n        torch.save(states, path)\n",
        },
        expect="every N steps",
        name="a-save-every-checkpoint-epochs-of-a-dict-variable",
    ),
    RuleCase(
        "GT306",
        {
            "scripts/ratios.sh": "for ratio in 0.05 0.1 0.2 0.5 1.0; do\n  python train.py --ratio $ratio\ndone\n",
            "train.py": "import torch\n",
        },
        {
            "scripts/ratios.sh": "for ratio in 0.5 1.0; do\n  python train.py --ratio $ratio\ndone\n",
            "train.py": "import torch\n",
        },
        expect="5 full training runs (python train.py), one per value of the loop",
        name="a-single-shell-loop-launches-one-run-per-value",
    ),
    RuleCase(
        "GT302",
        {
            "utils/scripts.py": 'import lightning.pytorch as pl\n\n\ndef get_callbacks(cfg, early_stopping=False, checkpointing=True):\n    callbacks = []\n    if early_stopping:\n        callbacks.append(pl.callbacks.EarlyStopping(monitor="val_loss", patience=cfg.training.early_stop_patience))\n    return callbacks\n',
            "train.py": 'import lightning.pytorch as pl\nfrom utils.scripts import get_callbacks\n\n\ndef train(cfg, model, data):\n    callbacks = get_callbacks(cfg, early_stopping=True)\n    trainer = pl.Trainer(accelerator="gpu", max_epochs=cfg.training.max_epochs, callbacks=callbacks)\n    trainer.fit(model, data)\n',
            "configs/config.yaml": "training:\n  max_epochs: 300\n  early_stop_patience: 3\n",
        },
        {
            "utils/scripts.py": 'import lightning.pytorch as pl\n\n\ndef get_callbacks(cfg, early_stopping=False, checkpointing=True):\n    callbacks = []\n    if early_stopping:\n        callbacks.append(pl.callbacks.EarlyStopping(monitor="val_loss", patience=cfg.training.early_stop_patience))\n    return callbacks\n',
            "train.py": 'import lightning.pytorch as pl\nfrom utils.scripts import get_callbacks\n\n\ndef train(cfg, model, data):\n    callbacks = get_callbacks(cfg)\n    trainer = pl.Trainer(accelerator="gpu", max_epochs=cfg.training.max_epochs, callbacks=callbacks)\n    trainer.fit(model, data)\n',
            "configs/config.yaml": "training:\n  max_epochs: 300\n  early_stop_patience: 3\n",
        },
        expect="EarlyStopping",
        name="an-early-stopping-switch-no-caller-turns-on-and-its-config-patience",
    ),
    RuleCase(
        "GT311",
        {
            "models/model.py": 'import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def __init__(self, configs):\n        super().__init__()\n        self.backbone = Backbone(configs)\n        self.head = nn.Linear(configs.d_model, configs.pred_len)\n        if configs.ckpt_path:\n            sd = torch.load(configs.ckpt_path, map_location="cpu")["state_dict"]\n            self.backbone.load_state_dict(sd, strict=True)\n',
            "train.py": "import torch\n\n\ndef finetune(model, loader, optimizer):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n",
        },
        {
            "models/model.py": 'import torch\nfrom torch import nn\n\n\nclass Model(nn.Module):\n    def __init__(self, configs):\n        super().__init__()\n        self.backbone = Backbone(configs)\n        self.head = nn.Linear(configs.d_model, configs.pred_len)\n        if configs.ckpt_path:\n            sd = torch.load(configs.ckpt_path, map_location="cpu")["state_dict"]\n            self.head.load_state_dict(sd, strict=True)\n',
            "train.py": "import torch\n\n\ndef finetune(model, loader, optimizer):\n    for x, y in loader:\n        loss = torch.nn.functional.mse_loss(model(x), y)\n        optimizer.zero_grad()\n        loss.backward()\n        optimizer.step()\n",
        },
        expect="load_state_dict of pre-trained weights",
        name="weights-loaded-into-the-backbone",
    ),
    RuleCase(
        "GT405",
        {
            "train.py": 'import transformers\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("huggyllama/llama-7b")\n    trainer = transformers.Trainer(model=model, args=training_args, train_dataset=load())\n    trainer.train()\n    trainer.save_state()\n',
            "sft.sh": "torchrun --nproc_per_node=8 train.py --num_train_epochs 20 --save_strategy steps --save_steps 1000000000 --bf16 True\n",
        },
        {
            "train.py": 'import transformers\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("huggyllama/llama-7b")\n    trainer = transformers.Trainer(model=model, args=training_args, train_dataset=load())\n    trainer.train()\n    trainer.save_state()\n',
            "sft.sh": "torchrun --nproc_per_node=8 train.py --num_train_epochs 20 --save_strategy steps --save_steps 1000 --bf16 True\n",
        },
        expect="--save_steps 1000000000 (an interval no run reaches) switches checkpoints off",
        name="a-save-interval-no-run-reaches",
    ),
    RuleCase(
        "GT404",
        {
            "train.py": 'import transformers\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("huggyllama/llama-7b")\n    trainer = transformers.Trainer(model=model, args=training_args, train_dataset=load())\n    trainer.train()\n    trainer.save_state()\n',
            "sft.sh": "torchrun --nproc_per_node=8 train.py --num_train_epochs 3 --save_strategy steps --save_steps 1000 --bf16 True\n",
        },
        {
            "train.py": 'import transformers\n\n\ndef train():\n    parser = transformers.HfArgumentParser((transformers.TrainingArguments,))\n    (training_args,) = parser.parse_args_into_dataclasses()\n    model = transformers.AutoModelForCausalLM.from_pretrained("huggyllama/llama-7b")\n    trainer = transformers.Trainer(model=model, args=training_args, train_dataset=load())\n    trainer.train()\n    trainer.save_state()\n',
            "sft.sh": "torchrun --nproc_per_node=8 train.py --num_train_epochs 3 --save_strategy steps --save_steps 1000000000 --bf16 True\n",
        },
        expect="--save_steps 1000",
        name="a-save-interval-no-run-reaches-saves-nothing",
    ),
]
