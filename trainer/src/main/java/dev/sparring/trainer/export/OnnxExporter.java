package dev.sparring.trainer.export;

import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_F;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_I;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_NAME;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_TYPE;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_TYPE_FLOAT;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_TYPE_INT;
import static dev.sparring.trainer.export.OnnxFields.DATA_TYPE_FLOAT;
import static dev.sparring.trainer.export.OnnxFields.DIMENSION_PARAM;
import static dev.sparring.trainer.export.OnnxFields.DIMENSION_VALUE;
import static dev.sparring.trainer.export.OnnxFields.ENTRY_KEY;
import static dev.sparring.trainer.export.OnnxFields.ENTRY_VALUE;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_INITIALIZER;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_INPUT;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_NAME;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_NODE;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_OUTPUT;
import static dev.sparring.trainer.export.OnnxFields.MODEL_DOC_STRING;
import static dev.sparring.trainer.export.OnnxFields.MODEL_GRAPH;
import static dev.sparring.trainer.export.OnnxFields.MODEL_IR_VERSION;
import static dev.sparring.trainer.export.OnnxFields.MODEL_METADATA_PROPS;
import static dev.sparring.trainer.export.OnnxFields.MODEL_OPSET_IMPORT;
import static dev.sparring.trainer.export.OnnxFields.MODEL_PRODUCER_NAME;
import static dev.sparring.trainer.export.OnnxFields.NODE_ATTRIBUTE;
import static dev.sparring.trainer.export.OnnxFields.NODE_INPUT;
import static dev.sparring.trainer.export.OnnxFields.NODE_NAME;
import static dev.sparring.trainer.export.OnnxFields.NODE_OP_TYPE;
import static dev.sparring.trainer.export.OnnxFields.NODE_OUTPUT;
import static dev.sparring.trainer.export.OnnxFields.OPSET_DOMAIN;
import static dev.sparring.trainer.export.OnnxFields.OPSET_VERSION_FIELD;
import static dev.sparring.trainer.export.OnnxFields.SHAPE_DIM;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_DATA_TYPE;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_DIMS;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_NAME;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_RAW_DATA;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_TYPE_ELEM_TYPE;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_TYPE_SHAPE;
import static dev.sparring.trainer.export.OnnxFields.TYPE_TENSOR_TYPE;
import static dev.sparring.trainer.export.OnnxFields.VALUE_INFO_NAME;
import static dev.sparring.trainer.export.OnnxFields.VALUE_INFO_TYPE;

import dev.sparring.hal.io.AtomicFiles;
import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyModel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link PolicyModel} as an ONNX model (IR version 8, default operator set 17) that computes exactly what the
 * controller's executor computes, in deployed units, with standard operators only, so ONNX Runtime and other tools
 * run it. Graph, for input {@code observation} float {@code [batch, n]} and output {@code action} float
 * {@code [batch, a]} ({@code batch} symbolic):
 * <pre>
 *   Sub(observation_mean) → Div(observation_std) → Clip(−clip, clip)
 *   per layer l: Gemm(layer{l}_weight, layer{l}_bias, transB = 1) → Tanh | Relu | Elu(alpha = 1) | Sigmoid | nothing
 *   Mul(action_scale) → Add(action_offset) → Max(action_low) → Min(action_high) → action
 * </pre>
 * Weights stay {@code out × in} as in the policy file ({@code transB = 1}); every constant is a float32 initializer
 * in {@code raw_data}. The model's metadata becomes {@code metadata_props}. The protobuf is written by
 * {@link ProtoWriter} with the field numbers of the ONNX specification's {@code onnx.proto}, named below.
 * Layout for readers: {@code docs/formats.md}, section "ONNX export".
 */
public final class OnnxExporter {
    /** The ONNX IR version written (IR 8 is the one of operator set 17). */
    public static final long IR_VERSION = 8;
    /** The version of the default ("ai.onnx") operator set the graph uses. */
    public static final long OPSET_VERSION = 17;
    /** The graph input's name. */
    public static final String INPUT = "observation";
    /** The graph output's name. */
    public static final String OUTPUT = "action";
    /** The name of the symbolic batch dimension of input and output. */
    public static final String BATCH = "batch";

    private OnnxExporter() {
    }

    /**
     * @param model the policy, e.g. from {@link PolicyExporter#toModel} or a policy file.
     * @return the ONNX model's bytes (a serialised {@code ModelProto}).
     */
    public static byte[] toBytes(final PolicyModel model) {
        final ProtoWriter graph = new ProtoWriter().string(GRAPH_NAME, "sparring_policy");
        graph.message(GRAPH_INPUT, batchedFloatTensor(INPUT, model.observationSize()));
        graph.message(GRAPH_OUTPUT, batchedFloatTensor(OUTPUT, model.actionSize()));

        initializer(graph, "observation_mean", model.observationMean(), model.observationSize());
        initializer(graph, "observation_std", model.observationStd(), model.observationSize());
        initializer(graph, "observation_clip_low", new float[] {-model.observationClip()});
        initializer(graph, "observation_clip_high", new float[] {model.observationClip()});
        graph.message(GRAPH_NODE, node("Sub", "normalise_sub", INPUT, "observation_mean", "centred"));
        graph.message(GRAPH_NODE, node("Div", "normalise_div", "centred", "observation_std", "standardised"));
        graph.message(GRAPH_NODE, node("Clip", "normalise_clip", "standardised", "observation_clip_low",
            "observation_clip_high", "normalised"));

        String x = "normalised";
        for (int l = 0; l < model.layerCount(); l++) {
            final String prefix = "layer" + l;
            final Activation activation = model.activation(l);
            final String linear = activation == Activation.IDENTITY ? prefix + "_output" : prefix + "_linear";
            initializer(graph, prefix + "_weight", model.weights(l), model.layerSize(l), model.layerInputSize(l));
            initializer(graph, prefix + "_bias", model.biases(l), model.layerSize(l));
            graph.message(GRAPH_NODE, node("Gemm", prefix + "_gemm", x, prefix + "_weight", prefix + "_bias", linear)
                .message(NODE_ATTRIBUTE, new ProtoWriter().string(ATTRIBUTE_NAME, "transB")
                    .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT).varint(ATTRIBUTE_I, 1)));
            switch (activation) {
                case TANH -> graph.message(GRAPH_NODE, node("Tanh", prefix + "_tanh", linear, prefix + "_output"));
                case RELU -> graph.message(GRAPH_NODE, node("Relu", prefix + "_relu", linear, prefix + "_output"));
                case ELU -> graph.message(GRAPH_NODE, node("Elu", prefix + "_elu", linear, prefix + "_output")
                    .message(NODE_ATTRIBUTE, new ProtoWriter().string(ATTRIBUTE_NAME, "alpha")
                        .varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_FLOAT).float32(ATTRIBUTE_F, 1.0f)));
                case SIGMOID -> graph.message(GRAPH_NODE, node("Sigmoid", prefix + "_sigmoid", linear,
                    prefix + "_output"));
                case IDENTITY -> {
                }
            }
            x = prefix + "_output";
        }

        initializer(graph, "action_scale", model.actionScale(), model.actionSize());
        initializer(graph, "action_offset", model.actionOffset(), model.actionSize());
        initializer(graph, "action_low", model.actionLow(), model.actionSize());
        initializer(graph, "action_high", model.actionHigh(), model.actionSize());
        graph.message(GRAPH_NODE, node("Mul", "action_mul", x, "action_scale", "scaled"));
        graph.message(GRAPH_NODE, node("Add", "action_add", "scaled", "action_offset", "shifted"));
        graph.message(GRAPH_NODE, node("Max", "action_max", "shifted", "action_low", "floored"));
        graph.message(GRAPH_NODE, node("Min", "action_min", "floored", "action_high", OUTPUT));

        final ProtoWriter onnx = new ProtoWriter()
            .varint(MODEL_IR_VERSION, IR_VERSION)
            .string(MODEL_PRODUCER_NAME, "sparring")
            .string(MODEL_DOC_STRING, "Sparring policy " + model.describe() + ": observation -> action in "
                + "deployed units, as the controller's executor computes it")
            .message(MODEL_OPSET_IMPORT, new ProtoWriter().string(OPSET_DOMAIN, "")
                .varint(OPSET_VERSION_FIELD, OPSET_VERSION));
        for (final Map.Entry<String, String> entry : model.metadata().entrySet()) {
            onnx.message(MODEL_METADATA_PROPS, new ProtoWriter().string(ENTRY_KEY, entry.getKey())
                .string(ENTRY_VALUE, entry.getValue()));
        }
        return onnx.message(MODEL_GRAPH, graph).toByteArray();
    }

    /**
     * Writes the ONNX model atomically (a temporary file renamed over the target).
     *
     * @param model the policy.
     * @param file  the destination, conventionally {@code *.onnx}.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final PolicyModel model, final Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    /** A {@code ValueInfoProto} for a float tensor of shape {@code [batch, width]}. */
    private static ProtoWriter batchedFloatTensor(final String name, final int width) {
        final ProtoWriter shape = new ProtoWriter()
            .message(SHAPE_DIM, new ProtoWriter().string(DIMENSION_PARAM, BATCH))
            .message(SHAPE_DIM, new ProtoWriter().varint(DIMENSION_VALUE, width));
        final ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT)
            .message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter().string(VALUE_INFO_NAME, name)
            .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
    }

    /** Adds a float32 initializer of the given dimensions (none: a scalar). */
    private static void initializer(
        final ProtoWriter graph, final String name, final float[] values, final int... dims) {
        final ProtoWriter tensor = new ProtoWriter();
        for (final int dim : dims) {
            tensor.varint(TENSOR_DIMS, dim);
        }
        final ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (final float value : values) {
            raw.putFloat(value);
        }
        graph.message(GRAPH_INITIALIZER, tensor.varint(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT).string(TENSOR_NAME, name)
            .bytes(TENSOR_RAW_DATA, raw.array()));
    }

    /** A {@code NodeProto} whose last name is its output and the others its inputs. */
    private static ProtoWriter node(final String opType, final String name, final String... io) {
        final ProtoWriter node = new ProtoWriter().string(NODE_NAME, name).string(NODE_OP_TYPE, opType);
        for (int i = 0; i < io.length - 1; i++) {
            node.string(NODE_INPUT, io[i]);
        }
        return node.string(NODE_OUTPUT, io[io.length - 1]);
    }
}
