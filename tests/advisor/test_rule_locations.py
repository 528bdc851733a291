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


def test_full_precision_finding_quotes_a_device_choice_over_a_peak_memory_reading(tmp_path):
    # zero123: the training file touches the GPU only to read its peak memory; the launch in the
    # README says which GPUs it runs on
    result = scan_project(
        tmp_path,
        {
            "main.py": """
                import torch
                from pytorch_lightning import Trainer

                class CUDACallback:
                    def on_train_epoch_start(self, trainer, pl_module):
                        torch.cuda.reset_peak_memory_stats(trainer.root_gpu)
                        torch.cuda.synchronize(trainer.root_gpu)

                if __name__ == "__main__":
                    trainer = Trainer.from_argparse_args(opt, callbacks=[CUDACallback()])
                    trainer.fit(model, data)
            """,
            "README.md": """
                # Training

                ```
                python main.py --base configs/finetune.yaml --gpus 0,1,2,3 --seed 42
                ```
            """,
        },
    )
    [finding] = findings(result, "GT402")
    assert "(--gpus 0,1,2,3)" in finding.message
    assert finding.locations[1].path == "README.md"


def test_missing_checkpoint_finding_starts_in_the_file_that_runs_long(tmp_path):
    loop = """
        import torch

        model = torch.nn.Linear(16, 2)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for epoch in range({epochs}):
            loss = model(inputs).sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    """
    result = scan_project(
        tmp_path,
        {
            # the first script trains briefly; the second is the long run the message quotes
            "a_short.py": loop.replace("{epochs}", "50"),
            "b_long.py": loop.replace("{epochs}", "500000"),
        },
    )
    [finding] = findings(result, "GT406")
    assert "500000 full-batch steps" in finding.message  # one backward per epoch
    assert [(location.path, location.line) for location in finding.locations] == [
        ("b_long.py", 8),  # loss.backward()
        ("b_long.py", 5),  # the loop
    ]


def test_reduced_precision_finding_starts_at_the_training_setting_not_an_inference_cast(tmp_path):
    result = scan_project(
        tmp_path,
        {
            # donut: the Trainer trains in 16 bits; the model's inference() casts its input
            "model.py": """
                import torch

                class DonutModel(torch.nn.Module):
                    def inference(self, image_tensors):
                        return self.encoder(image_tensors.half())
            """,
            "train.py": """
                import pytorch_lightning as pl
                from model import DonutModel

                trainer = pl.Trainer(max_epochs=30, precision=16)
                trainer.fit(DonutModel())
            """,
        },
    )
    [found] = findings(result, "GT401")
    assert [(loc.path, loc.line) for loc in found.locations] == [("train.py", 4), ("model.py", 5)]


def test_full_precision_finding_quotes_the_training_device_not_a_validation_one(tmp_path):
    # BigVGAN: validate() moves its PESQ resampler to the GPU; the training sets the device
    result = scan_project(
        tmp_path,
        {
            "train.py": """
                import torch
                import torchaudio as ta

                def validate(generator, loader):
                    pesq_resampler = ta.transforms.Resample(22050, 16000).cuda()
                    for batch in loader:
                        generator(batch)

                def train(rank, h, loader, validation_loader):
                    torch.cuda.set_device(rank)
                    generator = BigVGAN(h)
                    optim_g = torch.optim.AdamW(generator.parameters(), h.learning_rate)
                    for epoch in range(h.training_epochs):
                        for batch in loader:
                            loss_gen_all = generator(batch).mean()
                            loss_gen_all.backward()
                            optim_g.step()
                        validate(generator, validation_loader)
            """,
        },
    )
    [finding] = findings(result, "GT402")
    assert "torch.cuda.set_device()" in finding.message
    assert "Resample" not in finding.message


def test_full_precision_finding_quotes_a_configured_gpu_count_not_a_resume_map_location(tmp_path):
    # MambaIR (BasicSR): a resumed state is mapped onto the current GPU; the option file asks
    # for 8 GPUs
    result = scan_project(
        tmp_path,
        {
            "basicsr/train.py": """
                import torch

                def load_resume_state(opt):
                    device_id = torch.cuda.current_device()
                    return torch.load(
                        opt['path']['resume_state'],
                        map_location=lambda storage, loc: storage.cuda(device_id))

                def train_pipeline(opt, model, loader):
                    resume_state = load_resume_state(opt)
                    for epoch in range(opt['train']['total_epochs']):
                        for batch in loader:
                            loss = model(batch)
                            loss.backward()
                            model.optimizer.step()
            """,
            "options/train_SR_x2.yml": """
                name: MambaIRv2_SR_x2
                model_type: MambaIRv2Model
                num_gpu: 8
                train:
                  total_epochs: 300
            """,
        },
    )
    [finding] = findings(result, "GT402")
    assert "num_gpu" in finding.message
    assert "storage" not in finding.message
