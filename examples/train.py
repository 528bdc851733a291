"""Train a small multilayer perceptron on the scikit-learn digits (8x8 images, 10 classes).

Usage: python train.py --config configs/train.yaml [--lr 0.001] [--seed 0]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch
import yaml
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class MLP(nn.Module):
    def __init__(self, inputs: int, hidden: int, classes: int):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(inputs, hidden),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(hidden, classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="configs/train.yaml")
    parser.add_argument("--lr", type=float, default=None, help="overrides the config")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def make_loaders(batch_size: int, seed: int) -> tuple[DataLoader, DataLoader]:
    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype(np.float32)
    X_train, X_val, y_train, y_val = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=seed
    )
    train = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
    val = TensorDataset(torch.from_numpy(X_val), torch.from_numpy(y_val))
    return DataLoader(train, batch_size=batch_size, shuffle=True), DataLoader(val, batch_size=256)


def evaluate(model: nn.Module, loader: DataLoader, device: torch.device) -> float:
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            predictions = model(x.to(device)).argmax(dim=1)
            correct += (predictions == y.to(device)).sum().item()
            total += len(y)
    return correct / total


def main() -> None:
    args = parse_args()
    cfg = yaml.safe_load(Path(args.config).read_text())
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    train_loader, val_loader = make_loaders(cfg["batch_size"], args.seed)
    model = MLP(64, cfg["model"]["hidden"], 10).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr or cfg["lr"])
    criterion = nn.CrossEntropyLoss()
    checkpoint_dir = Path(cfg["checkpoint"]["dir"])
    checkpoint_dir.mkdir(parents=True, exist_ok=True)

    best, waited = 0.0, 0
    for epoch in range(cfg["epochs"]):
        model.train()
        epoch_losses = []
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(x.to(device)), y.to(device))
            loss.backward()
            optimizer.step()
            epoch_losses.append(loss)
        accuracy = evaluate(model, val_loader, device)
        mean_loss = torch.stack(epoch_losses).mean().item()
        print(f"epoch {epoch}: loss {mean_loss:.4f}  val accuracy {accuracy:.3f}")
        torch.save(
            {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()},
            checkpoint_dir / "last.pt",
        )
        if accuracy > best:
            best, waited = accuracy, 0
        else:
            waited += 1
            if waited >= cfg["early_stopping"]["patience"]:
                print(f"early stop at epoch {epoch}")
                break
    print(f"best validation accuracy {best:.3f}")


if __name__ == "__main__":
    main()
