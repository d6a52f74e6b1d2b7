package dev.sparring.trainer.export;

import dev.sparring.controller.policy.Activation;
import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.RobotPolicyShape;
import dev.sparring.trainer.export.OnnxGraph.Node;
import dev.sparring.trainer.export.OnnxGraph.Tensor;
import dev.sparring.trainer.export.OnnxGraph.ValueInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an ONNX MLP policy, as PyTorch's exporter writes CleanRL's and Stable-Baselines3's actors, into a
 * {@link PolicyModel} for a robot. The graph must be one chain from its single float input (the observation,
 * {@code [n]} or {@code [batch, n]}) to its single output (the Gaussian's mean, in the robot's action units):
 * <pre>
 *   [Sub(mean)] [Div(std)] [Clip(−c, c)]                       observation normalisation, at most once each
 *   per layer: Gemm(W, b) | MatMul(W) [Add(b)], then [Tanh | Relu | Elu(alpha = 1) | Sigmoid]
 * </pre>
 * Constants are initializers or {@code Constant} nodes; {@code Identity} nodes pass values through. Anything else (an
 * operator, a second input or output, a node off the chain, a constant where the observation should be) is refused
 * with an {@link OnnxFormatException} naming the node's index, name and operator. The action is the network's output,
 * scale 1, offset 0, clamped to the robot's action limits (as a Gymnasium action space clips it).
 */
public final class OnnxImporter {
    /** The value written as the policy's {@code created_by}. */
    public static final String CREATED_BY = "sparring policy import";

    private static final String SUPPORTED = "the importer reads Sub, Div and Clip before the first layer, then Gemm "
        + "or MatMul + Add layers each followed by at most one of Tanh, Relu, Elu (alpha 1) and Sigmoid (docs/"
        + "formats.md, \"ONNX import\")";

    private OnnxImporter() {
    }

    /**
     * Observation normalisation given by the user instead of the graph's; each field null when not given.
     *
     * @param mean per observation element.
     * @param std  per observation element, &gt; 0.
     * @param clip normalised observations are clipped to ±this, &gt; 0.
     */
    public record Normalisation(float[] mean, float[] std, Float clip) {
        /** Nothing given: the graph's normalisation, or none. */
        public static final Normalisation NONE = new Normalisation(null, null, null);
    }

    /**
     * @param bytes     a serialised ONNX model.
     * @param source    the file it came from, for messages and the policy's metadata.
     * @param robot     the robot the policy is for.
     * @param robotName the robot's name, written as the policy's {@code robot}.
     * @param given     normalisation from the command line; conflicts with the graph's are refused.
     * @param metadata  extra metadata (name, period); {@code robot}, {@code source}, {@code producer} and
     *                  {@code created_by} are added.
     * @return the policy.
     * @throws OnnxFormatException naming what is malformed or outside the supported subset, or a width that does not
     *                             fit the robot (both numbers named).
     */
    public static PolicyModel convert(final byte[] bytes, final String source, final RobotPolicyShape robot,
        final String robotName, final Normalisation given, final Map<String, String> metadata)
        throws OnnxFormatException {
        final OnnxGraph graph = OnnxGraph.parse(bytes, source);
        final Chain chain = new Chain(graph, source);
        chain.walk();
        final int n = chain.observationSize;
        if (n != robot.observationSize()) {
            throw new OnnxFormatException(source + ": the model takes " + n + " observation values, but robot '"
                + robotName + "' gives " + robot.observationSize() + "; import it for the robot it was trained on");
        }
        final int actions = chain.layerSizes.get(chain.layerSizes.size() - 1);
        if (actions != robot.actionSize()) {
            throw new OnnxFormatException(source + ": the model gives " + actions + " action values, but robot '"
                + robotName + "' takes " + robot.actionSize() + "; import it for the robot it was trained on");
        }
        final float[] mean = pick(chain.mean, given.mean(), "--obs-mean", "Sub", n, 0.0f, source);
        final float[] std = pick(chain.std, given.std(), "--obs-std", "Div", n, 1.0f, source);
        for (int i = 0; i < n; i++) {
            if (!(std[i] > 0.0f && std[i] < Float.POSITIVE_INFINITY)) {
                throw new OnnxFormatException(source + ": observation std[" + i + "] must be finite and > 0, was "
                    + std[i]);
            }
        }
        if (chain.clip != null && given.clip() != null) {
            throw new OnnxFormatException(source + ": the graph clips the observation (Clip ±" + chain.clip + ") and "
                + "--obs-clip was given too; give one of them");
        }
        final float clip = chain.clip != null ? chain.clip : given.clip() != null ? given.clip() : Float.MAX_VALUE;
        final int layers = chain.layerSizes.size();
        final float[] ones = new float[actions];
        Arrays.fill(ones, 1.0f);
        final Map<String, String> allMetadata = new LinkedHashMap<>(metadata);
        allMetadata.put("robot", robotName);
        allMetadata.put("source", source);
        allMetadata.put("producer", graph.producer().isEmpty() ? "unknown" : graph.producer());
        allMetadata.put("created_by", CREATED_BY);
        try {
            return new PolicyModel(n, toInts(chain.layerSizes), chain.activations.toArray(new Activation[0]),
                chain.weights.toArray(new float[layers][]), chain.biases.toArray(new float[layers][]), mean, std,
                clip, ones, new float[actions], robot.actionLowFloats(), robot.actionHighFloats(), allMetadata);
        } catch (final IllegalArgumentException e) {
            throw new OnnxFormatException(source + ": " + e.getMessage());
        }
    }

    /** The graph's value, the user's, or the default; both given is an error. */
    private static float[] pick(final float[] fromGraph, final float[] fromUser, final String option,
        final String op, final int n, final float fallback, final String source) throws OnnxFormatException {
        if (fromGraph != null && fromUser != null) {
            throw new OnnxFormatException(source + ": the graph normalises the observation (its " + op + " node) and "
                + option + " was given too; give one of them (drop " + option + " to use the graph's)");
        }
        if (fromUser != null && fromUser.length != n) {
            throw new OnnxFormatException(option + " has " + fromUser.length + " values, but the model takes " + n
                + " observation values");
        }
        if (fromGraph != null || fromUser != null) {
            return fromGraph != null ? fromGraph : fromUser;
        }
        final float[] values = new float[n];
        Arrays.fill(values, fallback);
        return values;
    }

    private static int[] toInts(final List<Integer> values) {
        final int[] ints = new int[values.size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = values.get(i);
        }
        return ints;
    }

    /** The walk along the graph's nodes, collecting the normalisation and the layers. */
    private static final class Chain {
        private final OnnxGraph graph;
        private final String source;
        private final Map<String, Tensor> constants = new HashMap<>();
        private final List<Integer> layerSizes = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();
        private final List<float[]> biases = new ArrayList<>();
        private int observationSize = -1;
        private float[] mean;
        private float[] std;
        private Float clip;
        /** The value the next node must consume: the observation, then each node's output. */
        private String current;
        /** The last node on the chain, its operator decides what may follow. */
        private String previousOp = "";

        Chain(final OnnxGraph graph, final String source) {
            this.graph = graph;
            this.source = source;
            constants.putAll(graph.initializers());
        }

        void walk() throws OnnxFormatException {
            if (graph.inputs().size() != 1) {
                throw new OnnxFormatException(source + ": the graph has " + graph.inputs().size() + " inputs "
                    + names(graph.inputs()) + "; an MLP policy has one, the observation");
            }
            if (graph.outputs().size() != 1) {
                throw new OnnxFormatException(source + ": the graph has " + graph.outputs().size() + " outputs "
                    + names(graph.outputs()) + "; export only the action mean (the deterministic head), e.g. "
                    + "agent.actor_mean for CleanRL");
            }
            final ValueInfo input = graph.inputs().get(0);
            if (input.elemType() != OnnxGraph.FLOAT) {
                throw new OnnxFormatException(source + ": input '" + input.name() + "' has element type "
                    + input.elemType() + "; an observation is float (1)");
            }
            final long[] dims = input.dims();
            if (dims != null && (dims.length < 1 || dims.length > 2)) {
                throw new OnnxFormatException(source + ": input '" + input.name() + "' has shape "
                    + Arrays.toString(dims) + "; an observation is [n] or [batch, n]");
            }
            if (dims != null && dims[dims.length - 1] > 0) {
                observationSize = (int) dims[dims.length - 1];
            }
            current = input.name();
            for (final Node node : graph.nodes()) {
                step(node);
            }
            if (layerSizes.isEmpty()) {
                throw new OnnxFormatException(source + ": the graph has no Gemm or MatMul layer; " + SUPPORTED);
            }
            final String output = graph.outputs().get(0).name();
            if (!current.equals(output)) {
                throw new OnnxFormatException(source + ": the chain from the observation ends at '" + current
                    + "', not at the graph's output '" + output + "'");
            }
        }

        private void step(final Node node) throws OnnxFormatException {
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw refuse(node, "is from operator set domain '" + node.domain() + "'");
            }
            if (node.outputs().size() != 1) {
                throw refuse(node, "has " + node.outputs().size() + " outputs");
            }
            final String out = node.outputs().get(0);
            if (node.opType().equals("Constant")) {
                final OnnxGraph.Attribute value = node.attributes().get("value");
                if (value == null || value.t() == null) {
                    throw refuse(node, "is a Constant without a tensor 'value'");
                }
                constants.put(out, value.t());
                return;
            }
            if (node.opType().equals("Identity") && node.inputs().size() == 1
                && constants.containsKey(node.inputs().get(0))) {
                constants.put(out, constants.get(node.inputs().get(0)));
                return;
            }
            if (!node.inputs().contains(current)) {
                throw refuse(node, "does not take '" + current + "', the value the chain from the observation has "
                    + "reached: the graph is not a single chain");
            }
            if (node.opType().equals("Identity")) {
                current = out;
                return;
            }
            switch (node.opType()) {
                case "Sub" -> mean = normalisation(node, mean, "Sub");
                case "Div" -> std = normalisation(node, std, "Div");
                case "Clip" -> clip(node);
                case "Gemm" -> gemm(node);
                case "MatMul" -> matMul(node);
                case "Add" -> add(node);
                case "Tanh" -> activation(node, Activation.TANH);
                case "Relu" -> activation(node, Activation.RELU);
                case "Sigmoid" -> activation(node, Activation.SIGMOID);
                case "Elu" -> {
                    final OnnxGraph.Attribute alpha = node.attributes().get("alpha");
                    if (alpha != null && alpha.f() != 1.0f) {
                        throw refuse(node, "has alpha " + alpha.f() + "; the executor's ELU has alpha 1");
                    }
                    activation(node, Activation.ELU);
                }
                default -> throw refuse(node, "is not in the supported subset");
            }
            previousOp = node.opType();
            current = out;
        }

        /** A Sub or Div before the first layer: its other input is the mean or std, one value or one per element. */
        private float[] normalisation(final Node node, final float[] already, final String op)
            throws OnnxFormatException {
            if (!layerSizes.isEmpty()) {
                throw refuse(node, "comes after a layer; " + op + " is read only as observation normalisation, "
                    + "before the first layer");
            }
            if (already != null) {
                throw refuse(node, "is a second " + op + "; the normalisation has one");
            }
            if (node.inputs().size() != 2 || !node.inputs().get(0).equals(current)) {
                throw refuse(node, "must take the observation as its first input and a constant as its second");
            }
            final float[] values = constant(node, node.inputs().get(1)).floats();
            if (observationSize < 0) {
                throw refuse(node, "normalises an observation of unknown width; export with a fixed observation "
                    + "size");
            }
            if (values.length == observationSize) {
                return values;
            }
            if (values.length == 1) {
                final float[] broadcast = new float[observationSize];
                Arrays.fill(broadcast, values[0]);
                return broadcast;
            }
            throw refuse(node, "has " + values.length + " values for " + observationSize + " observation values");
        }

        private void clip(final Node node) throws OnnxFormatException {
            if (!layerSizes.isEmpty()) {
                throw refuse(node, "comes after a layer; Clip is read only as observation clipping, before the "
                    + "first layer (the robot's action limits clamp the action)");
            }
            if (clip != null) {
                throw refuse(node, "is a second Clip");
            }
            final float low = clipBound(node, 1, "min", Float.NEGATIVE_INFINITY);
            final float high = clipBound(node, 2, "max", Float.POSITIVE_INFINITY);
            if (low != -high || !(high > 0.0f)) {
                throw refuse(node, "clips to [" + low + ", " + high + "]; the policy format clips symmetrically, "
                    + "to ±c with c > 0");
            }
            clip = high;
        }

        /** Clip's bound: an input since operator set 11, an attribute before. */
        private float clipBound(final Node node, final int input, final String attribute, final float none)
            throws OnnxFormatException {
            if (node.inputs().size() > input && !node.inputs().get(input).isEmpty()) {
                final float[] values = constant(node, node.inputs().get(input)).floats();
                if (values.length != 1) {
                    throw refuse(node, "has a " + attribute + " of " + values.length + " values, not one");
                }
                return values[0];
            }
            final OnnxGraph.Attribute value = node.attributes().get(attribute);
            return value != null ? value.f() : none;
        }

        private void gemm(final Node node) throws OnnxFormatException {
            requireAttribute(node, "alpha", 1.0f);
            requireAttribute(node, "beta", 1.0f);
            if (intAttribute(node, "transA") != 0) {
                throw refuse(node, "has transA = 1; the observation must be its first input as it is");
            }
            if (!node.inputs().get(0).equals(current) || node.inputs().size() < 2) {
                throw refuse(node, "must take the chain's value as its first input and the weights as its second");
            }
            final boolean transposed = intAttribute(node, "transB") != 0;
            final int out = layer(node, constant(node, node.inputs().get(1)), transposed);
            final float[] bias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()
                ? bias(node, constant(node, node.inputs().get(2)).floats(), out) : new float[out];
            biases.add(bias);
        }

        private void matMul(final Node node) throws OnnxFormatException {
            if (node.inputs().size() != 2 || !node.inputs().get(0).equals(current)) {
                throw refuse(node, "must take the chain's value as its first input and the weights as its second");
            }
            layer(node, constant(node, node.inputs().get(1)), false);
            biases.add(new float[layerSizes.get(layerSizes.size() - 1)]);
        }

        /** An Add right after a MatMul is its bias. */
        private void add(final Node node) throws OnnxFormatException {
            if (!previousOp.equals("MatMul") || node.inputs().size() != 2) {
                throw refuse(node, "does not follow a MatMul; Add is read only as a MatMul layer's bias");
            }
            final String other = node.inputs().get(0).equals(current) ? node.inputs().get(1) : node.inputs().get(0);
            final int last = biases.size() - 1;
            biases.set(last, bias(node, constant(node, other).floats(), layerSizes.get(last)));
        }

        private void activation(final Node node, final Activation activation) throws OnnxFormatException {
            final boolean afterLayer = previousOp.equals("Gemm") || previousOp.equals("MatMul")
                || previousOp.equals("Add");
            if (!afterLayer) {
                throw refuse(node, "does not follow a Gemm or MatMul (+ Add) layer; the executor applies one "
                    + "activation to each layer's output");
            }
            activations.set(activations.size() - 1, activation);
        }

        /** Adds a layer of weights {@code [in, out]} (MatMul, Gemm) or {@code [out, in]} (Gemm with transB). */
        private int layer(final Node node, final Tensor weight, final boolean transposed)
            throws OnnxFormatException {
            if (weight.dims().length != 2) {
                throw refuse(node, "has weights of shape " + Arrays.toString(weight.dims()) + "; a layer's are 2-D");
            }
            final int in = (int) weight.dims()[transposed ? 1 : 0];
            final int out = (int) weight.dims()[transposed ? 0 : 1];
            final int expected = layerSizes.isEmpty() ? observationSize : layerSizes.get(layerSizes.size() - 1);
            if (expected >= 0 && in != expected) {
                throw refuse(node, "takes " + in + " inputs, but its input has " + expected + " values");
            }
            if (layerSizes.isEmpty()) {
                observationSize = in;
            }
            final float[] values = weight.floats();
            final float[] rowMajor = new float[out * in];
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) {
                    rowMajor[i * in + j] = transposed ? values[i * in + j] : values[j * out + i];
                }
            }
            layerSizes.add(out);
            activations.add(Activation.IDENTITY);
            weights.add(rowMajor);
            return out;
        }

        private float[] bias(final Node node, final float[] values, final int out) throws OnnxFormatException {
            if (values.length == out) {
                return values;
            }
            if (values.length == 1) {
                final float[] broadcast = new float[out];
                Arrays.fill(broadcast, values[0]);
                return broadcast;
            }
            throw refuse(node, "has a bias of " + values.length + " values for " + out + " outputs");
        }

        private Tensor constant(final Node node, final String name) throws OnnxFormatException {
            final Tensor tensor = constants.get(name);
            if (tensor == null) {
                throw refuse(node, "takes '" + name + "', which is neither a constant nor the observation's chain: "
                    + "the graph is not a single chain");
            }
            if (tensor.floats() == null) {
                throw refuse(node, "takes constant '" + name + "' of data type " + tensor.dataType()
                    + "; weights and normalisation must be float (1)");
            }
            return tensor;
        }

        private void requireAttribute(final Node node, final String name, final float expected)
            throws OnnxFormatException {
            final OnnxGraph.Attribute value = node.attributes().get(name);
            if (value != null && value.f() != expected) {
                throw refuse(node, "has " + name + " = " + value.f() + "; the importer reads " + name + " = "
                    + expected);
            }
        }

        private static long intAttribute(final Node node, final String name) {
            final OnnxGraph.Attribute value = node.attributes().get(name);
            return value == null ? 0 : value.i();
        }

        private OnnxFormatException refuse(final Node node, final String problem) {
            return new OnnxFormatException(source + ": " + node.describe() + " " + problem + "; " + SUPPORTED);
        }

        private static String names(final List<ValueInfo> values) {
            final List<String> names = new ArrayList<>();
            for (final ValueInfo value : values) {
                names.add(value.name());
            }
            return names.toString();
        }
    }
}
