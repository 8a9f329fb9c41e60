"""The FaceMesh graph the extension ships (from the npm package @vladmandic/human), as training reads it."""
import os

from tfjs_graph import TfjsGraph

MODELS = os.path.join(os.path.dirname(__file__), "../../node_modules/@vladmandic/human/models")
# Prefix of FaceMesh's layer names.
P = "StatefulPartitionedCall/model_1/"


def facemesh_graph():
    return TfjsGraph(MODELS, "facemesh.json")
