"""The training loop of the fine-tuned photo models (look_model.py, branch.py): each epoch sees one random
augmented copy of every face, classes are balanced in the loss, the learning rate follows one cycle up to
each parameter group's own rate."""
import numpy as np
import torch
from torch import nn


def train(model, opt, y, copies, epochs, batch, rng, forward):
    """forward(idx, pick) -> the model's logits for faces `idx`, augmented copies `pick`. y: 1 = photo."""
    n = len(y)
    pos_weight = torch.tensor((y == 0).sum() / max(1, (y == 1).sum()), dtype=torch.float32)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    steps = epochs * ((n + batch - 1) // batch)
    max_lr = [g["lr"] for g in opt.param_groups]
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=max_lr, total_steps=steps)
    model.train()
    for _ in range(epochs):
        order = rng.permutation(n)
        for i in range(0, n, batch):
            idx = order[i : i + batch]
            pick = rng.integers(0, copies, len(idx))
            loss = loss_fn(forward(idx, pick), torch.from_numpy(y[idx]).float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    return model
