package dev.nnc.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Named tensors and string metadata in the safetensors format (huggingface/safetensors): an
 * 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the tensors' little-endian bytes.
 *
 * <p>A container is immutable and ordered: its tensors keep the order they were given in, or for
 * a file read, the order of its header. Reading checks everything the reference reader checks and
 * fails with a {@link WeightsFormatException} naming the file and the tensor at fault. A file is
 * read tensor by tensor, each into an array of its own, so each must fit one array (about
 * 2 GiB); the tensors read from an array are views of it, not copies. ({@link Weights} reads a
 * file's header first, and then only the tensors a model takes.)
 *
 * <p>Writing lays the tensors out in their order with no gap, writes the header's keys in that
 * order ({@code __metadata__} first, and only when there is metadata) and pads the header with
 * spaces to a multiple of 8 bytes, as the reference writer does. {@link #write(Path)} replaces a
 * file atomically: a failed write leaves the old file as it was.
 */
public final class SafeTensors {

    /** The largest header, in bytes, the reference reader accepts; so do this reader and writer. */
    public static final int MAX_HEADER_BYTES = 100_000_000;

    /** The header key of the string metadata, which no tensor may be called. */
    public static final String METADATA_KEY = "__metadata__";

    /** What one array holds, with the headroom some JVMs keep. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, StoredTensor> tensors;
    private final Map<String, String> metadata;

    private SafeTensors(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /**
     * A container of {@code tensors}, in their iteration order (pass a {@link LinkedHashMap} to
     * choose it), and {@code metadata}, both copied. Make float tensors with
     * {@link StoredTensor#f32}.
     *
     * @throws IllegalArgumentException when a tensor is called {@value #METADATA_KEY}
     * @throws NullPointerException naming a null name, tensor, key or value
     */
    public static SafeTensors of(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        Map<String, StoredTensor> copy = new LinkedHashMap<>();
        Objects.requireNonNull(tensors, "tensors").forEach((name, tensor) -> {
            Objects.requireNonNull(name, "tensors: a name is null");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("tensors: '" + METADATA_KEY
                        + "' is the header key of the metadata, not a tensor name");
            }
            copy.put(name, Objects.requireNonNull(tensor, () -> "tensors: tensor '" + name + "' is null"));
        });
        Map<String, String> metadataCopy = new LinkedHashMap<>();
        Objects.requireNonNull(metadata, "metadata").forEach((key, value) -> metadataCopy.put(
                Objects.requireNonNull(key, "metadata: a key is null"),
                Objects.requireNonNull(value, () -> "metadata: the value of '" + key + "' is null")));
        return new SafeTensors(Collections.unmodifiableMap(copy), Collections.unmodifiableMap(metadataCopy));
    }

    /**
     * Reads the file {@code file}.
     *
     * @throws WeightsFormatException when the file breaks the format, is not a regular file (a
     *     directory, a pipe, a device), or holds a tensor larger than an array
     * @throws IOException when the file cannot be read
     */
    public static SafeTensors read(Path file) throws IOException {
        return SafeTensorsReader.read(file, SafeTensorsReader::readAll);
    }

    /**
     * Reads the contents of a safetensors file. The tensors are views of {@code bytes}: do not
     * change it while they are in use.
     *
     * @throws WeightsFormatException when {@code bytes} break the format; its message starts with
     *     {@code bytes:}
     */
    public static SafeTensors read(byte[] bytes) throws WeightsFormatException {
        return SafeTensorsReader.read("bytes", Objects.requireNonNull(bytes, "bytes"), SafeTensorsReader::readAll);
    }

    /** The tensors by name, in order; unmodifiable. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** The string metadata ({@code __metadata__}), in order; empty when there is none; unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor {@code name}.
     *
     * @throws IllegalArgumentException naming the tensors there are, when there is none of that name
     */
    public StoredTensor tensor(String name) {
        StoredTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw Messages.noTensor(name, tensors.keySet());
        }
        return tensor;
    }

    /**
     * The values of the tensor {@code name} as floats, row-major. {@code F32} is copied,
     * {@code F16} and {@code BF16} are widened exactly, and {@code F64} is rounded to the nearest
     * float (to an infinity beyond float's range). Other dtypes, such as the {@code I64} that
     * PyTorch stores {@code num_batches_tracked} in, are not converted: read their
     * {@link StoredTensor#data()}.
     *
     * @throws IllegalArgumentException when there is no such tensor, or its dtype is not one of these
     */
    public float[] floats(String name) {
        StoredTensor tensor = tensor(name);
        if (!tensor.dtype().readsAsFloat()) {
            throw new IllegalArgumentException("tensor '" + Messages.excerpt(name) + "' is " + tensor.dtype()
                    + ", not converted to floats; floats converts F32, F16, BF16 and F64; read others as bytes with"
                    + " tensor(name).data()");
        }
        return tensor.floats();
    }

    /**
     * The values of the tensor {@code name} as doubles, row-major: {@code F64} as stored, the
     * float dtypes widened exactly.
     *
     * @throws IllegalArgumentException when there is no such tensor, or its dtype is not a float one
     */
    public double[] doubles(String name) {
        if (tensor(name).dtype() != Dtype.F64) {
            float[] floats = floats(name);
            double[] values = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                values[i] = floats[i];
            }
            return values;
        }
        ByteBuffer data = tensor(name).data();
        double[] values = new double[data.remaining() / Double.BYTES];
        data.asDoubleBuffer().get(values);
        return values;
    }

    /**
     * The file's bytes.
     *
     * @throws IllegalStateException when they are more than an array holds ({@link #write(Path)}
     *     writes such a container), or the header would be more than {@link #MAX_HEADER_BYTES}
     */
    public byte[] toBytes() {
        byte[] header = header();
        long size = 8L + header.length + dataLength();
        if (size > MAX_ARRAY) {
            throw new IllegalStateException("the file would be " + size + " bytes, more than an array holds ("
                    + MAX_ARRAY + "); write it to a file instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        try {
            writeTo(out, header);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the file {@code file} atomically: to a temporary file in the same directory, forced
     * to disk, then moved over {@code file}. On failure the temporary file is deleted and
     * {@code file}, if it existed, is left as it was.
     *
     * @throws IOException when writing or moving fails
     * @throws IllegalStateException when the header would be more than {@link #MAX_HEADER_BYTES}
     */
    public void write(Path file) throws IOException {
        write(file, UnaryOperator.identity());
    }

    /** {@link #write(Path)} through {@code wrap}, for a test to make the stream fail part way. */
    void write(Path file, UnaryOperator<OutputStream> wrap) throws IOException {
        byte[] header = header();
        AtomicFiles.write(file, out -> writeTo(out, header), wrap);
    }

    private void writeTo(OutputStream out, byte[] header) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        // the channel copies through a small buffer: the tensors' read-only buffers expose no array
        WritableByteChannel channel = Channels.newChannel(out);
        for (StoredTensor tensor : tensors.values()) {
            ByteBuffer data = tensor.data();
            while (data.hasRemaining()) {
                channel.write(data);
            }
        }
    }

    /** The header JSON, padded with spaces to a multiple of 8 bytes. */
    private byte[] header() {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            if (!metadata.isEmpty()) {
                out.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> entry : metadata.entrySet()) {
                    out.writeStringField(entry.getKey(), entry.getValue());
                }
                out.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, StoredTensor> entry : tensors.entrySet()) {
                StoredTensor tensor = entry.getValue();
                out.writeObjectFieldStart(entry.getKey());
                out.writeStringField("dtype", tensor.dtype().name());
                out.writeArrayFieldStart("shape");
                for (long dimension : tensor.shape()) {
                    out.writeNumber(dimension);
                }
                out.writeEndArray();
                out.writeArrayFieldStart("data_offsets");
                out.writeNumber(offset);
                offset += tensor.byteLength();
                out.writeNumber(offset);
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        int length = json.size();
        if (length > MAX_HEADER_BYTES) {
            throw new IllegalStateException("the header would be " + length + " bytes, more than the limit of "
                    + MAX_HEADER_BYTES + " readers accept; store fewer tensors or less metadata");
        }
        byte[] padded = Arrays.copyOf(json.toByteArray(), (length + 7) & ~7);
        Arrays.fill(padded, length, padded.length, (byte) ' ');
        return padded;
    }

    private long dataLength() {
        long length = 0;
        for (StoredTensor tensor : tensors.values()) {
            length += tensor.byteLength();
        }
        return length;
    }

    /** For messages: the number of tensors and metadata entries. */
    @Override
    public String toString() {
        return "SafeTensors[" + tensors.size() + " tensors, " + metadata.size() + " metadata entries]";
    }
}
