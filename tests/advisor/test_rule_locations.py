"""Where findings point: the first location shows what the message quotes."""

from __future__ import annotations

from scanhelp import findings, scan_project


def test_full_precision_finding_starts_in_the_file_its_gpu_evidence_is_in(tmp_path):
    result = scan_project(
        tmp_path,
        {
            # the project's entry point trains without saying where
            "train.py": """
                import torch
                from accelerate import Accelerator

                def main():
                    accelerator = Accelerator(cpu=True)
                    model, optimizer, loader = accelerator.prepare(model, optimizer, loader)
                    for batch in loader:
                        loss = model(batch).mean()
                        accelerator.backward(loss)
                        optimizer.step()

                if __name__ == "__main__":
                    main()
            """,
            # a second script trains on the GPU: the evidence the message quotes
            "examples/cats_and_dogs.py": """
                import torch
                import torch.nn as nn

                device = "cuda"
                model = nn.Linear(16, 2).to(device)
                optimizer = torch.optim.Adam(model.parameters(), lr=3e-5)
                for epoch in range(20):
                    for data, label in train_loader:
                        loss = nn.functional.cross_entropy(model(data.to(device)), label)
                        optimizer.zero_grad()
                        loss.backward()
                        optimizer.step()
            """,
        },
    )
    [finding] = findings(result, "GT402")
    assert "to('cuda')" in finding.message
    assert [location.path for location in finding.locations] == [
        "examples/cats_and_dogs.py",
        "examples/cats_and_dogs.py",
    ]
    assert finding.locations[0].line == 11  # loss.backward()
