package dev.nnc.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the bytes of a safetensors file with every check of the reference reader
 * (huggingface/safetensors, {@code SafeTensors::read_metadata}), and stricter in three: duplicate
 * keys, a {@code null} {@code __metadata__} and sizes past {@code 2^63 - 1} are rejected. Each
 * failure is a {@link WeightsFormatException} whose message starts with the source (a file, or
 * {@code bytes}).
 * Nothing is allocated from a length the file claims before that length is checked against the
 * bytes there are.
 */
final class SafeTensorsReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // a metadata value may be as long as the header; Jackson's default stops at 20 M
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(SafeTensors.MAX_HEADER_BYTES).build())
            .build();

    /** A tensor as its header entry declares it, in header order. */
    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {}

    private final String source;
    private final byte[] bytes;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private SafeTensorsReader(String source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes;
    }

    /** The container {@code bytes} hold; {@code source} names them in messages. */
    static SafeTensors read(String source, byte[] bytes) throws WeightsFormatException {
        return new SafeTensorsReader(source, bytes).read();
    }

    private SafeTensors read() throws WeightsFormatException {
        if (bytes.length < 8) {
            throw error(bytes.length + " bytes, too short for the 8-byte header length");
        }
        long claimed = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // unsigned in the format: a "negative" length is past 2^63, and too large
        if (Long.compareUnsigned(claimed, SafeTensors.MAX_HEADER_BYTES) > 0) {
            throw error("header length " + Long.toUnsignedString(claimed) + " is more than the limit of "
                    + SafeTensors.MAX_HEADER_BYTES + " bytes");
        }
        int headerLength = (int) claimed;
        if (8L + headerLength > bytes.length) {
            throw error("header length " + headerLength + " runs past the end: 8 + " + headerLength + " bytes, found "
                    + bytes.length);
        }
        parseHeader(utf8(headerLength));
        long dataLength = checkLayout();
        if (dataLength != bytes.length - 8L - headerLength) {
            throw error("expected 8 + " + headerLength + " header bytes + " + dataLength
                    + " data bytes as the tensors declare, found " + bytes.length + " bytes");
        }
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        int dataStart = 8 + headerLength;
        for (Entry entry : entries) {
            ByteBuffer data = ByteBuffer.wrap(bytes, dataStart + (int) entry.begin(), (int) (entry.end() - entry.begin()));
            tensors.put(entry.name(), new StoredTensor(entry.dtype(), entry.shape(), data.slice()));
        }
        return SafeTensors.of(tensors, metadata);
    }

    private String utf8(int headerLength) throws WeightsFormatException {
        ByteBuffer header = ByteBuffer.wrap(bytes, 8, headerLength);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(header).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the first byte it cannot decode
            throw error("header is not valid UTF-8 at byte " + header.position());
        }
    }

    private void parseHeader(String json) throws WeightsFormatException {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw error("header: expected a JSON object, found " + describe(parser));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                if (key.equals(SafeTensors.METADATA_KEY)) {
                    readMetadata(parser);
                } else {
                    entries.add(entry(parser, key));
                }
            }
            if (parser.nextToken() != null) {
                throw error("header: expected only spaces after the JSON object, found " + describe(parser) + " at "
                        + where(parser.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw new WeightsFormatException(source + ": header is not valid JSON: " + e.getOriginalMessage() + " at "
                    + where(e.getLocation()), e);
        } catch (WeightsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail", e);
        }
    }

    private void readMetadata(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw error(SafeTensors.METADATA_KEY + ": expected an object of strings, found " + describe(parser));
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw error(SafeTensors.METADATA_KEY + " '" + key + "': expected a string, found " + describe(parser));
            }
            metadata.put(key, parser.getText());
        }
    }

    private Entry entry(JsonParser parser, String name) throws IOException {
        String tensor = "tensor '" + name + "'";
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
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private Dtype dtype(JsonParser parser, String tensor) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw error(tensor + ": dtype: expected a string, found " + describe(parser));
        }
        String name = parser.getText();
        return Dtype.named(name).orElseThrow(() -> error(tensor + ": unknown dtype '" + name + "'; known are "
                + Arrays.toString(Dtype.values())));
    }

    /** An array of integers in {@code [0, 2^63)}: the format's unsigned sizes, as far as a long holds them. */
    private long[] integers(JsonParser parser, String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(what + ": expected an array of integers, found " + describe(parser));
        }
        List<Long> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER || parser.getLongValue() < 0) {
                throw error(what + "[" + values.size() + "]: expected an integer from 0 to " + Long.MAX_VALUE
                        + ", found " + describe(parser));
            }
            values.add(parser.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Checks the tensors in the order of their offsets, as the reference reader does: each begins
     * where the one before ends, from 0, and holds exactly the bytes its dtype and shape need.
     * Returns the end of the last, the length of the data.
     */
    private long checkLayout() throws WeightsFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long end = 0;
        for (Entry entry : sorted) {
            String tensor = "tensor '" + entry.name() + "'";
            String offsets = "data_offsets [" + entry.begin() + ", " + entry.end() + "]";
            if (entry.begin() != end) {
                throw error(tensor + ": " + offsets + " begin at " + entry.begin() + ", expected " + end
                        + " where the tensors before it end: in offset order, tensors leave no gap and do not overlap");
            }
            end = entry.end();
            String declared = "shape " + Arrays.toString(entry.shape()) + " of " + entry.dtype();
            long bits;
            try {
                bits = entry.dtype().bits(entry.shape());
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

    /** The current token as a message shows it: a value as written, or what kind of thing it is. */
    private static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "'" + parser.getText() + "'";
            default -> parser.getText();
        };
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private WeightsFormatException error(String message) {
        return new WeightsFormatException(source + ": " + message);
    }
}
