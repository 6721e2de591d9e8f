package dev.nnc.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a safetensors file in two steps: its header first, checked as the reference reader
 * (huggingface/safetensors, {@code SafeTensors::read_metadata}) checks it, then the bytes of the
 * tensors a caller asks for, and no others. A caller checks the header against what it expects
 * before it reads any data, so a file with a tensor of gigabytes it does not want costs the
 * header, not the gigabytes. A file is read through positional reads of its channel, so what is
 * read is what is held; an array is read as views of it.
 *
 * <p>Stricter than the reference reader: duplicate keys, a {@code null} {@code __metadata__},
 * sizes past {@code 2^63 - 1}, names longer than {@value #MAX_NAME_CHARS} characters, shapes of
 * more than {@value #MAX_RANK} dimensions and anything but a regular file are refused. Each
 * failure is a {@link WeightsFormatException} whose message starts with the source (a file, or
 * {@code bytes}). Nothing is allocated from a length the file claims before that length is checked
 * against the file's size.
 */
final class SafeTensorsReader {

    /**
     * The deepest nesting of arrays and objects in a header: that of serde_json, the reference
     * reader's parser. The format itself needs 3 (the header, a tensor's entry, its shape).
     */
    static final int MAX_DEPTH = 128;

    /**
     * The longest name in a header (a tensor's, a metadata key), in characters. PyTorch's
     * {@code state_dict} names are tens of characters; this leaves room for any real one and
     * refuses a name of megabytes at once.
     */
    static final int MAX_NAME_CHARS = 65_536;

    /** The most dimensions of a tensor: NumPy's limit ({@code NPY_MAXDIMS}), which no framework's weights come near. */
    static final int MAX_RANK = 64;

    /** Bytes read at a time from a tensor that is streamed, not held. */
    private static final int CHUNK = 1 << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNameLength(MAX_NAME_CHARS)
                    // a metadata value may be as long as the header; Jackson's default stops at 20 M
                    .maxStringLength(SafeTensors.MAX_HEADER_BYTES)
                    .build())
            .build();

    /** What {@link #read} does with a reader. */
    @FunctionalInterface
    interface Reading<T> {
        T from(SafeTensorsReader reader) throws IOException;
    }

    /** A tensor as the header declares it: its dtype, its dimensions and its byte range in the data. */
    record Entry(Dtype dtype, long[] dimensions, long begin, long end) {

        /** The dimensions, outermost first, as {@link StoredTensor#shape()} gives them. */
        List<Long> shape() {
            return Arrays.stream(dimensions).boxed().toList();
        }
    }

    /** Where the bytes come from: a file's channel or an array. */
    private interface Source {

        long size();

        /**
         * {@code length} bytes from {@code position}, which the caller has checked are within
         * {@link #size()}, to hold: a buffer of their own, or a view of the array.
         */
        ByteBuffer bytes(long position, int length) throws IOException;

        /**
         * The same, for a caller that passes them on and does not hold them: {@code length} is at
         * most {@code CHUNK}, and the buffer returned may be reused by the next call.
         */
        ByteBuffer part(long position, int length) throws IOException;
    }

    /** A file's bytes, read through positional reads of its channel. */
    private static final class FileSource implements Source {

        private final Path file;
        private final FileChannel channel;
        private final long size;
        /** What {@link #part} reads into, allocated at its first call. */
        private ByteBuffer chunk;

        FileSource(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer bytes(long position, int length) throws IOException {
            return read(position, ByteBuffer.allocate(length));
        }

        @Override
        public ByteBuffer part(long position, int length) throws IOException {
            if (chunk == null) {
                chunk = ByteBuffer.allocate(CHUNK);
            }
            return read(position, chunk.clear().limit(length));
        }

        /** Fills {@code buffer}, empty, from {@code position}, and returns it flipped. */
        private ByteBuffer read(long position, ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new WeightsFormatException(file + ": ends at byte " + (position + buffer.position())
                            + ", not at byte " + size + " as when it was opened: it changed while it was read");
                }
            }
            return buffer.flip();
        }
    }

    /** An array's bytes, whose parts are views of it. */
    private static final class ArraySource implements Source {

        private final byte[] array;

        ArraySource(byte[] array) {
            this.array = array;
        }

        @Override
        public long size() {
            return array.length;
        }

        @Override
        public ByteBuffer bytes(long position, int length) {
            return ByteBuffer.wrap(array, (int) position, length).slice();
        }

        @Override
        public ByteBuffer part(long position, int length) {
            return bytes(position, length);
        }
    }

    private final String source;
    private final Source bytes;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long dataStart;
    /** The tensor whose entry is being parsed, for a message about it; null between entries. */
    private String parsing;

    private SafeTensorsReader(String source, Source bytes) {
        this.source = source;
        this.bytes = bytes;
    }

    /**
     * {@code reading} of the file {@code file}, whose header is read and checked first, and which
     * is closed after.
     *
     * @throws WeightsFormatException when {@code file} is not a regular file (a directory, a pipe, a
     *     device), or its header breaks the format
     * @throws IOException when it cannot be read
     */
    static <T> T read(Path file, Reading<T> reading) throws IOException {
        // a FIFO would block the open itself, and a device never ends: neither is opened
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new WeightsFormatException(file + ": not a regular file but "
                    + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket") + "; weights are read from a file");
        }
        // a channel is closed by an interrupt: one pending when the read begins is kept for the caller instead, as
        // Files.readAllBytes keeps it (an interrupt while the read runs stops it with a ClosedByInterruptException)
        boolean interrupted = Thread.interrupted();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsReader reader = new SafeTensorsReader(file.toString(), new FileSource(file, channel));
            reader.readHeader();
            return reading.from(reader);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code reading} of the contents of a file, {@code bytes}, which {@code source} names in
     * messages; the tensors read are views of {@code bytes}.
     *
     * @throws WeightsFormatException when the header breaks the format, or {@code reading} refuses
     *     the contents
     */
    static <T> T read(String source, byte[] bytes, Reading<T> reading) throws WeightsFormatException {
        SafeTensorsReader reader = new SafeTensorsReader(source, new ArraySource(bytes));
        try {
            reader.readHeader();
            return reading.from(reader);
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("an array is read without I/O", e);
        }
    }

    /** The file, or {@code bytes}, as messages name it. */
    String source() {
        return source;
    }

    /** The string metadata ({@code __metadata__}), in order; empty when there is none; unmodifiable. */
    Map<String, String> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The tensors the header declares, by name, in header order; unmodifiable. */
    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * The tensor {@code name}, its bytes read now.
     *
     * @throws IllegalArgumentException when the header declares no such tensor
     * @throws WeightsFormatException when it is more bytes than an array holds, or the file
     *     changed since its header was read
     */
    StoredTensor tensor(String name) throws IOException {
        Entry entry = entry(name);
        long length = entry.end() - entry.begin();
        if (length > SafeTensors.MAX_ARRAY) {
            throw error("tensor '" + Messages.excerpt(name) + "': " + length + " bytes, more than an array holds ("
                    + SafeTensors.MAX_ARRAY + ")");
        }
        return new StoredTensor(entry.dtype(), entry.dimensions().clone(), bytes.bytes(dataStart + entry.begin(), (int) length));
    }

    /** Every tensor, read, and the metadata: the whole file as a container. */
    SafeTensors readAll() throws IOException {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            tensors.put(name, tensor(name));
        }
        return SafeTensors.of(tensors, metadata);
    }

    /**
     * Passes the bytes of the tensor {@code name} to {@code sink} in order, a part at a time, so
     * that a tensor of any size is read without being held. Each part is read into the same
     * buffer: {@code sink} must not keep it.
     *
     * @throws IllegalArgumentException when the header declares no such tensor
     */
    void stream(String name, Consumer<ByteBuffer> sink) throws IOException {
        Entry entry = entry(name);
        for (long at = entry.begin(); at < entry.end(); at += CHUNK) {
            sink.accept(bytes.part(dataStart + at, (int) Math.min(CHUNK, entry.end() - at)));
        }
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw Messages.noTensor(name, entries.keySet());
        }
        return entry;
    }

    private void readHeader() throws IOException {
        long size = bytes.size();
        if (size < 8) {
            throw error(size + " bytes, too short for the 8-byte header length");
        }
        long claimed = bytes.bytes(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // unsigned in the format: a "negative" length is past 2^63, and too large
        if (Long.compareUnsigned(claimed, SafeTensors.MAX_HEADER_BYTES) > 0) {
            throw error("header length " + Long.toUnsignedString(claimed) + " is more than the limit of "
                    + SafeTensors.MAX_HEADER_BYTES + " bytes");
        }
        int headerLength = (int) claimed;
        if (8L + headerLength > size) {
            throw error("header length " + headerLength + " runs past the end: 8 + " + headerLength + " bytes, found " + size);
        }
        ByteBuffer header = bytes.bytes(8, headerLength);
        checkUtf8(header.duplicate());
        // the reference reader wants the object first, and allows white space after it as padding
        if (headerLength == 0 || header.get(0) != '{') {
            throw error("header: expected '{' at its first byte, found " + (headerLength == 0 ? "nothing"
                    : firstCharacter(header)));
        }
        parseHeader(header);
        dataStart = 8L + headerLength;
        long dataLength = checkLayout();
        if (dataLength != size - dataStart) {
            throw error("expected 8 + " + headerLength + " header bytes + " + dataLength
                    + " data bytes as the tensors declare, found " + size + " bytes");
        }
    }

    /** Decodes {@code header} a part at a time, to find a byte that is not UTF-8 without holding the text. */
    private void checkUtf8(ByteBuffer header) throws WeightsFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CharBuffer text = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            result = decoder.decode(header, text, true);
            text.clear();
        } while (result.isOverflow());
        while (!result.isError() && (result = decoder.flush(text)).isOverflow()) {
            text.clear();
        }
        if (result.isError()) {
            // the decoder stops at the first byte it cannot decode; the header starts at byte 8
            throw error("header is not valid UTF-8 at byte " + (8 + header.position()));
        }
    }

    /** The first character of {@code header}, valid UTF-8, as a message shows it: a visible ASCII one quoted, another by its code. */
    private static String firstCharacter(ByteBuffer header) {
        // a character is at most 4 bytes of UTF-8
        CharBuffer first = StandardCharsets.UTF_8.decode(header.duplicate().limit(Math.min(header.limit(), 4)));
        int codePoint = Character.codePointAt(first, 0);
        return codePoint > ' ' && codePoint < 0x7F ? "'" + (char) codePoint + "'" : String.format("U+%04X", codePoint);
    }

    private void parseHeader(ByteBuffer header) throws WeightsFormatException {
        try (JsonParser parser = JSON.createParser(header.array(), header.arrayOffset() + header.position(), header.remaining())) {
            try {
                parseHeader(parser);
            } catch (StreamConstraintsException e) {
                // Jackson's message, without its note on which of its settings the limit is
                String limit = e.getOriginalMessage().replaceFirst(", from `[^`]*`\\)", ")");
                throw error((parsing == null ? "header" : "tensor '" + Messages.excerpt(parsing) + "'") + ": " + limit
                        + " at " + where(parser.currentLocation()), e);
            } catch (JsonProcessingException e) {
                JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw error("header is not valid JSON: " + e.getOriginalMessage() + " at " + where(location), e);
            }
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("parsing an array cannot fail but for its contents", e);
        }
    }

    private void parseHeader(JsonParser parser) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (key.equals(SafeTensors.METADATA_KEY)) {
                readMetadata(parser);
            } else {
                parsing = key;
                entries.put(key, entry(parser, key));
                parsing = null;
            }
        }
        if (parser.nextToken() != null) {
            throw error("header: expected only spaces after the JSON object, found " + describe(parser) + " at "
                    + where(parser.currentTokenLocation()));
        }
    }

    private void readMetadata(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(SafeTensors.METADATA_KEY + ": expected an object of strings, found " + describe(parser));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw error(SafeTensors.METADATA_KEY + " '" + Messages.excerpt(key) + "': expected a string, found "
                        + describe(parser));
            }
            metadata.put(key, parser.getText());
        }
    }

    private Entry entry(JsonParser parser, String name) throws IOException {
        String tensor = "tensor '" + Messages.excerpt(name) + "'";
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(tensor + ": expected an object of dtype, shape and data_offsets, found " + describe(parser));
        }
        Dtype dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "dtype" -> dtype = dtype(parser, tensor);
                case "shape" -> shape = integers(parser, tensor + ": shape");
                case "data_offsets" -> offsets = integers(parser, tensor + ": data_offsets");
                // the reference reader ignores fields it does not know
                default -> parser.skipChildren();
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw error(tensor + ": missing " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        if (offsets.length != 2) {
            throw error(tensor + ": data_offsets: expected [begin, end], found " + offsets.length + " values");
        }
        if (offsets[1] < offsets[0]) {
            throw error(tensor + ": data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        return new Entry(dtype, shape, offsets[0], offsets[1]);
    }

    private Dtype dtype(JsonParser parser, String tensor) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw error(tensor + ": dtype: expected a string, found " + describe(parser));
        }
        String name = parser.getText();
        return Dtype.named(name).orElseThrow(() -> error(tensor + ": unknown dtype '" + Messages.excerpt(name)
                + "'; known are " + Arrays.toString(Dtype.values())));
    }

    /**
     * An array of at most {@value #MAX_RANK} integers in {@code [0, 2^63)}: the format's unsigned
     * sizes, as far as a long holds them.
     */
    private long[] integers(JsonParser parser, String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(what + ": expected an array of integers, found " + describe(parser));
        }
        long[] values = new long[MAX_RANK];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
                throw error(what + "[" + count + "]: expected an integer from 0 to " + Long.MAX_VALUE + ", found "
                        + describe(parser));
            }
            if (count == MAX_RANK) {
                throw error(what + ": more than " + MAX_RANK + " values, the most this reader takes");
            }
            values[count++] = parser.getLongValue();
        }
        return Arrays.copyOf(values, count);
    }

    /**
     * Checks the tensors in the order of their offsets, as the reference reader does: each begins
     * where the one before ends, from 0, and holds exactly the bytes its dtype and shape need.
     * Returns the end of the last, the length of the data.
     */
    private long checkLayout() throws WeightsFormatException {
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, Entry> named) -> named.getValue().begin())
                .thenComparingLong(named -> named.getValue().end()));
        long end = 0;
        for (Map.Entry<String, Entry> named : sorted) {
            Entry entry = named.getValue();
            String tensor = "tensor '" + Messages.excerpt(named.getKey()) + "'";
            String offsets = "data_offsets [" + entry.begin() + ", " + entry.end() + "]";
            if (entry.begin() != end) {
                throw error(tensor + ": " + offsets + " begin at " + entry.begin() + ", expected " + end
                        + " where the tensors before it end: in offset order, tensors leave no gap and do not overlap");
            }
            end = entry.end();
            String declared = "shape " + Arrays.toString(entry.dimensions()) + " of " + entry.dtype();
            long bits;
            try {
                bits = entry.dtype().bits(entry.dimensions());
            } catch (ArithmeticException e) {
                throw error(tensor + ": " + declared + " has more bits than a long counts");
            }
            if (bits % 8 != 0) {
                throw error(tensor + ": " + declared + " is " + bits + " bits, not a whole number of bytes");
            }
            if (entry.end() - entry.begin() != bits / 8) {
                throw error(tensor + ": " + declared + " needs " + bits / 8 + " bytes, " + offsets + " hold "
                        + (entry.end() - entry.begin()));
            }
        }
        return end;
    }

    /** The current token as a message shows it: a value as written (excerpted), or what kind of thing it is. */
    private static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "'" + Messages.excerpt(parser.getText()) + "'";
            default -> Messages.excerpt(parser.getText());
        };
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private WeightsFormatException error(String message) {
        return new WeightsFormatException(source + ": " + message);
    }

    private WeightsFormatException error(String message, Throwable cause) {
        return new WeightsFormatException(source + ": " + message, cause);
    }
}
