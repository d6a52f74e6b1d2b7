package dev.sparring.trainer.export;

import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_F;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_I;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_NAME;
import static dev.sparring.trainer.export.OnnxFields.ATTRIBUTE_T;
import static dev.sparring.trainer.export.OnnxFields.DIMENSION_VALUE;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_INITIALIZER;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_INPUT;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_NODE;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_OUTPUT;
import static dev.sparring.trainer.export.OnnxFields.GRAPH_SPARSE_INITIALIZER;
import static dev.sparring.trainer.export.OnnxFields.MODEL_GRAPH;
import static dev.sparring.trainer.export.OnnxFields.MODEL_OPSET_IMPORT;
import static dev.sparring.trainer.export.OnnxFields.MODEL_PRODUCER_NAME;
import static dev.sparring.trainer.export.OnnxFields.MODEL_PRODUCER_VERSION;
import static dev.sparring.trainer.export.OnnxFields.NODE_ATTRIBUTE;
import static dev.sparring.trainer.export.OnnxFields.NODE_DOMAIN;
import static dev.sparring.trainer.export.OnnxFields.NODE_INPUT;
import static dev.sparring.trainer.export.OnnxFields.NODE_NAME;
import static dev.sparring.trainer.export.OnnxFields.NODE_OP_TYPE;
import static dev.sparring.trainer.export.OnnxFields.NODE_OUTPUT;
import static dev.sparring.trainer.export.OnnxFields.OPSET_DOMAIN;
import static dev.sparring.trainer.export.OnnxFields.OPSET_VERSION_FIELD;
import static dev.sparring.trainer.export.OnnxFields.SHAPE_DIM;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_DATA_LOCATION;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_DATA_TYPE;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_DIMS;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_FLOAT_DATA;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_NAME;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_RAW_DATA;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_TYPE_ELEM_TYPE;
import static dev.sparring.trainer.export.OnnxFields.TENSOR_TYPE_SHAPE;
import static dev.sparring.trainer.export.OnnxFields.TYPE_TENSOR_TYPE;
import static dev.sparring.trainer.export.OnnxFields.VALUE_INFO_NAME;
import static dev.sparring.trainer.export.OnnxFields.VALUE_INFO_TYPE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model ({@code onnx.proto}, IR versions 3 to 10) an MLP policy is made of, read with
 * {@link ProtoReader}: the graph's nodes in their stored (topological) order, its initializers, inputs and outputs,
 * and the producer. Everything else (doc strings, value infos, metadata, training info, functions) is skipped.
 * Import-time code, not a hot path.
 *
 * @param producer     the exporter that wrote it, e.g. {@code "pytorch 1.13.1"}.
 * @param opset        the default ({@code ai.onnx}) operator set version, 0 when absent.
 * @param nodes        the nodes, in the file's order.
 * @param initializers the constant tensors by name.
 * @param inputs       the graph's inputs that are not initializers.
 * @param outputs      the graph's outputs.
 */
record OnnxGraph(String producer, long opset, List<Node> nodes, Map<String, Tensor> initializers,
    List<ValueInfo> inputs, List<ValueInfo> outputs) {

    /** ONNX's {@code TensorProto.DataType.FLOAT}. */
    static final int FLOAT = OnnxFields.DATA_TYPE_FLOAT;

    /**
     * A node of the graph.
     *
     * @param index      its position in the graph's node list, from 0.
     * @param name       its name (may be empty).
     * @param opType     its operator, e.g. {@code "Gemm"}.
     * @param domain     its operator set domain, empty for the default one.
     * @param inputs     its input value names (an empty name: an omitted optional input).
     * @param outputs    its output value names.
     * @param attributes its attributes by name.
     */
    record Node(int index, String name, String opType, String domain, List<String> inputs, List<String> outputs,
        Map<String, Attribute> attributes) {

        /**
         * @return how an error names the node: {@code node #3 '/actor_mean/actor_mean.1/Tanh' (Tanh)}.
         */
        String describe() {
            return "node #" + index + " '" + name + "' (" + opType + ")";
        }
    }

    /**
     * An attribute's value; only the kinds the supported operators have.
     *
     * @param f      a float value (type FLOAT).
     * @param i      an int value (type INT).
     * @param t      a tensor value (type TENSOR), or null.
     */
    record Attribute(float f, long i, Tensor t) {
    }

    /**
     * A constant tensor.
     *
     * @param name     its name.
     * @param dims     its shape.
     * @param dataType its ONNX data type code ({@link #FLOAT} is the one the importer uses).
     * @param floats   its values when it is a float tensor, else null.
     */
    record Tensor(String name, long[] dims, int dataType, float[] floats) {
    }

    /**
     * A graph input or output.
     *
     * @param name     its name.
     * @param elemType its element type code ({@link #FLOAT} for an observation), 0 when unknown.
     * @param dims     its shape, −1 for a symbolic or unknown dimension; null when no shape is given.
     */
    record ValueInfo(String name, int elemType, long[] dims) {
    }

    /**
     * @param bytes  a serialised {@code ModelProto}.
     * @param source what the bytes are (the file), for messages.
     * @return the graph.
     * @throws OnnxFormatException when the bytes are not a well-formed model.
     */
    static OnnxGraph parse(final byte[] bytes, final String source) throws OnnxFormatException {
        final ProtoReader model = new ProtoReader(bytes, source, "ModelProto");
        String producer = "";
        String producerVersion = "";
        long opset = 0;
        ProtoReader graph = null;
        while (model.next()) {
            switch (model.field()) {
                case MODEL_PRODUCER_NAME -> producer = model.string();
                case MODEL_PRODUCER_VERSION -> producerVersion = model.string();
                case MODEL_GRAPH -> graph = model.message("graph");
                case MODEL_OPSET_IMPORT -> {
                    final ProtoReader entry = model.message("opset_import");
                    String domain = "";
                    long version = 0;
                    while (entry.next()) {
                        switch (entry.field()) {
                            case OPSET_DOMAIN -> domain = entry.string();
                            case OPSET_VERSION_FIELD -> version = entry.varint();
                            default -> entry.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                default -> model.skip();
            }
        }
        if (graph == null) {
            throw new OnnxFormatException(source + ": not an ONNX model: it has no graph (" + bytes.length
                + " bytes read); give the .onnx file torch.onnx.export wrote");
        }
        if (opset == 0) {
            throw new OnnxFormatException(source + ": not a complete ONNX model: it imports no version of the default "
                + "operator set (opset_import), which every model has; the file may be truncated, export it again");
        }
        final List<Node> nodes = new ArrayList<>();
        final Map<String, Tensor> initializers = new LinkedHashMap<>();
        final List<ValueInfo> declaredInputs = new ArrayList<>();
        final List<ValueInfo> outputs = new ArrayList<>();
        while (graph.next()) {
            switch (graph.field()) {
                case GRAPH_NODE -> nodes.add(node(graph.message("node"), nodes.size()));
                case GRAPH_INITIALIZER -> {
                    final Tensor tensor = tensor(graph.message("initializer"));
                    initializers.put(tensor.name(), tensor);
                }
                case GRAPH_INPUT -> declaredInputs.add(valueInfo(graph.message("input")));
                case GRAPH_OUTPUT -> outputs.add(valueInfo(graph.message("output")));
                case GRAPH_SPARSE_INITIALIZER -> throw new OnnxFormatException(source + ": has sparse initializers, "
                    + "which the importer does not read; export the model with dense weights");
                default -> graph.skip();
            }
        }
        final List<ValueInfo> inputs = new ArrayList<>();
        for (final ValueInfo input : declaredInputs) {
            if (!initializers.containsKey(input.name())) {
                inputs.add(input);
            }
        }
        final String producedBy = (producer + " " + producerVersion).strip();
        return new OnnxGraph(producedBy, opset, List.copyOf(nodes), initializers, List.copyOf(inputs),
            List.copyOf(outputs));
    }

    private static Node node(final ProtoReader node, final int index) throws OnnxFormatException {
        String name = "";
        String opType = "";
        String domain = "";
        final List<String> inputs = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
        while (node.next()) {
            switch (node.field()) {
                case NODE_INPUT -> inputs.add(node.string());
                case NODE_OUTPUT -> outputs.add(node.string());
                case NODE_NAME -> name = node.string();
                case NODE_OP_TYPE -> opType = node.string();
                case NODE_DOMAIN -> domain = node.string();
                case NODE_ATTRIBUTE -> {
                    final ProtoReader attribute = node.message("attribute");
                    String attributeName = "";
                    float f = 0;
                    long i = 0;
                    Tensor t = null;
                    while (attribute.next()) {
                        switch (attribute.field()) {
                            case ATTRIBUTE_NAME -> attributeName = attribute.string();
                            case ATTRIBUTE_F -> f = attribute.float32();
                            case ATTRIBUTE_I -> i = attribute.varint();
                            case ATTRIBUTE_T -> t = tensor(attribute.message("t"));
                            default -> attribute.skip();
                        }
                    }
                    attributes.put(attributeName, new Attribute(f, i, t));
                }
                default -> node.skip();
            }
        }
        return new Node(index, name, opType, domain, List.copyOf(inputs), List.copyOf(outputs), attributes);
    }

    private static Tensor tensor(final ProtoReader tensor) throws OnnxFormatException {
        long[] dims = new long[0];
        int dataType = 0;
        String name = "";
        float[] floatData = null;
        byte[] raw = null;
        while (tensor.next()) {
            switch (tensor.field()) {
                case TENSOR_DIMS -> dims = concat(dims, tensor.int64s());
                case TENSOR_DATA_TYPE -> dataType = (int) tensor.varint();
                case TENSOR_FLOAT_DATA -> floatData = floatData == null ? tensor.float32s()
                    : concat(floatData, tensor.float32s());
                case TENSOR_NAME -> name = tensor.string();
                case TENSOR_RAW_DATA -> raw = tensor.bytes();
                case TENSOR_DATA_LOCATION -> {
                    if (tensor.varint() != 0) {
                        throw tensor.fail("says tensor '" + name + "' is stored in an external file, which the "
                            + "importer does not read; export the model as one file");
                    }
                }
                default -> tensor.skip();
            }
        }
        long count = 1;
        for (final long dim : dims) {
            if (dim < 0 || dim > Integer.MAX_VALUE) {
                throw tensor.fail("gives tensor '" + name + "' a dimension of " + dim);
            }
            count *= dim;
        }
        float[] floats = null;
        if (dataType == FLOAT) {
            if (raw != null && raw.length % 4 != 0) {
                throw tensor.fail("gives float tensor '" + name + "' " + raw.length + " bytes of raw_data, not a "
                    + "multiple of 4");
            }
            floats = raw != null ? littleEndianFloats(raw) : floatData != null ? floatData : new float[0];
            if (floats.length != count) {
                throw tensor.fail("gives tensor '" + name + "' of shape " + Arrays.toString(dims) + " "
                    + floats.length + " floats, not " + count);
            }
        }
        return new Tensor(name, dims, dataType, floats);
    }

    private static ValueInfo valueInfo(final ProtoReader info) throws OnnxFormatException {
        String name = "";
        int elemType = 0;
        long[] dims = null;
        while (info.next()) {
            if (info.field() == VALUE_INFO_NAME) {
                name = info.string();
            } else if (info.field() == VALUE_INFO_TYPE) {
                final ProtoReader type = info.message("type");
                while (type.next()) {
                    if (type.field() != TYPE_TENSOR_TYPE) {
                        type.skip();
                        continue;
                    }
                    final ProtoReader tensorType = type.message("tensor_type");
                    while (tensorType.next()) {
                        if (tensorType.field() == TENSOR_TYPE_ELEM_TYPE) {
                            elemType = (int) tensorType.varint();
                        } else if (tensorType.field() == TENSOR_TYPE_SHAPE) {
                            dims = shape(tensorType.message("shape"));
                        } else {
                            tensorType.skip();
                        }
                    }
                }
            } else {
                info.skip();
            }
        }
        return new ValueInfo(name, elemType, dims);
    }

    private static long[] shape(final ProtoReader shape) throws OnnxFormatException {
        long[] dims = new long[0];
        while (shape.next()) {
            if (shape.field() != SHAPE_DIM) {
                shape.skip();
                continue;
            }
            final ProtoReader dimension = shape.message("dim");
            long value = -1;
            while (dimension.next()) {
                if (dimension.field() == DIMENSION_VALUE) {
                    value = dimension.varint();
                } else {
                    dimension.skip();
                }
            }
            dims = concat(dims, new long[] {value});
        }
        return dims;
    }

    private static float[] littleEndianFloats(final byte[] raw) {
        final float[] values = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static long[] concat(final long[] a, final long[] b) {
        final long[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static float[] concat(final float[] a, final float[] b) {
        final float[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
