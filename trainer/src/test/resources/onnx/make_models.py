"""Makes the ONNX test models of `sparring policy import` with PyTorch's own exporter (torch.onnx.export).

Run from the repository root with Debian bookworm's python3-torch (1.13.1) and python3-onnx:

    /usr/bin/python3 trainer/src/test/resources/onnx/make_models.py trainer/src/test/resources/onnx

The .onnx files are committed; CI does not regenerate them. Each network is built with a fixed seed and PyTorch's
default initialisation (CleanRL's layer_init for the CleanRL one), as the users' scripts build theirs:

- cleanrl_tanh.onnx        CleanRL ppo_continuous_action's actor_mean (3 -> 64 -> 64 -> 1, Tanh), the deterministic
                           head (the Gaussian's mean), batched input: Gemm nodes. For robots/pendulum.yaml.
- sb3_relu.onnx            Stable-Baselines3's MlpPolicy shape with activation_fn=ReLU: policy_net then action_net
                           (11 -> 64 -> 64 -> 3). For robots/hopper.yaml.
- elu_sigmoid.onnx         4 -> 32 (Elu) -> 16 (Sigmoid) -> 1. For robots/cartpole.yaml.
- normalised_tanh.onnx     observation normalisation in the graph, as SB3's VecNormalize computes it:
                           clamp((obs - mean) / sqrt(var + 1e-8), -10, 10), then an 11 -> 64 -> 64 -> 3 Tanh actor
                           (Sub, Div, Clip nodes; sqrt folded into a constant by the exporter). For robots/hopper.yaml.
- matmul_unbatched.onnx    the CleanRL actor exported on a batch-free observation [3]: torch writes Linear as
                           MatMul + Add instead of Gemm. For robots/pendulum.yaml.
- softmax_head.onnx        refused: a Softmax after the last layer.
- two_inputs.onnx          refused: observation and a second input (goal) concatenated.
"""
import sys

import numpy as np
import torch
from torch import nn

OPSET = 17


def layer_init(layer, std=np.sqrt(2), bias_const=0.0):
    """CleanRL's initialisation (ppo_continuous_action.py)."""
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, bias_const)
    return layer


class CleanRlActor(nn.Module):
    """The deterministic half of CleanRL's Agent: actor_mean; actor_logstd is not part of the exported graph."""

    def __init__(self, obs, act):
        super().__init__()
        self.actor_mean = nn.Sequential(
            layer_init(nn.Linear(obs, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, act), std=0.01))
        self.actor_logstd = nn.Parameter(torch.zeros(1, act))

    def forward(self, x):
        return self.actor_mean(x)


class Sb3Actor(nn.Module):
    """SB3 ActorCriticPolicy's action path with net_arch [64, 64]: mlp_extractor.policy_net, then action_net."""

    def __init__(self, obs, act, activation):
        super().__init__()
        self.policy_net = nn.Sequential(nn.Linear(obs, 64), activation(), nn.Linear(64, 64), activation())
        self.action_net = nn.Linear(64, act)

    def forward(self, x):
        return self.action_net(self.policy_net(x))


class Normalised(nn.Module):
    """An actor behind SB3 VecNormalize's observation normalisation, with the statistics as buffers."""

    def __init__(self, actor, mean, var, clip):
        super().__init__()
        self.actor = actor
        self.register_buffer("obs_mean", torch.tensor(mean, dtype=torch.float32))
        self.register_buffer("obs_var", torch.tensor(var, dtype=torch.float32))
        self.clip = clip

    def forward(self, x):
        z = torch.clamp((x - self.obs_mean) / torch.sqrt(self.obs_var + 1e-8), -self.clip, self.clip)
        return self.actor(z)


class TwoInputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(5, 16), nn.Tanh(), nn.Linear(16, 1))

    def forward(self, obs, goal):
        return self.net(torch.cat([obs, goal], dim=-1))


def export(module, example, path, input_names=("observation",), batched=True):
    module.eval()
    axes = {name: {0: "batch"} for name in input_names} if batched else None
    if batched:
        axes["action"] = {0: "batch"}
    torch.onnx.export(module, example, path, input_names=list(input_names), output_names=["action"],
                      dynamic_axes=axes, opset_version=OPSET)
    print("wrote", path)


def main(out):
    torch.manual_seed(1)
    export(CleanRlActor(3, 1), torch.zeros(1, 3), f"{out}/cleanrl_tanh.onnx")

    torch.manual_seed(2)
    export(Sb3Actor(11, 3, nn.ReLU), torch.zeros(1, 11), f"{out}/sb3_relu.onnx")

    torch.manual_seed(3)
    elu_sigmoid = nn.Sequential(nn.Linear(4, 32), nn.ELU(), nn.Linear(32, 16), nn.Sigmoid(), nn.Linear(16, 1))
    export(elu_sigmoid, torch.zeros(1, 4), f"{out}/elu_sigmoid.onnx")

    torch.manual_seed(4)
    rng = np.random.default_rng(4)
    mean = rng.normal(0.0, 1.0, 11)
    var = rng.uniform(0.05, 4.0, 11)
    export(Normalised(CleanRlActor(11, 3), mean, var, 10.0), torch.zeros(1, 11), f"{out}/normalised_tanh.onnx")

    torch.manual_seed(5)
    export(CleanRlActor(3, 1), torch.zeros(3), f"{out}/matmul_unbatched.onnx", batched=False)

    torch.manual_seed(6)
    export(nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1), nn.Softmax(dim=-1)), torch.zeros(1, 3),
           f"{out}/softmax_head.onnx")

    torch.manual_seed(7)
    export(TwoInputs(), (torch.zeros(1, 3), torch.zeros(1, 2)), f"{out}/two_inputs.onnx",
           input_names=("observation", "goal"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
