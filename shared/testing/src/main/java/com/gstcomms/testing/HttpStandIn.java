package com.gstcomms.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately small HTTP/1.1 server on 127.0.0.1 and a free port, for the provider stand-ins.
 *
 * <p>Not the JDK's com.sun.net.httpserver: that one rewrites response header names to
 * "X-message-id", and clients that look headers up case-sensitively (sendgrid-java's
 * {@code Response.getHeaders()}) would then miss {@code X-Message-Id}. This one writes names exactly
 * as given. One request per connection ({@code Connection: close}); Content-Length and chunked bodies.
 */
abstract class HttpStandIn implements AutoCloseable {

    /** A request as the stand-ins see it. Header names are case-insensitive. */
    record Call(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                boolean bodyTooLarge) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** A response; header names go on the wire exactly as given. */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        static Reply of(int status, String contentType, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new Reply(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        Reply withHeaders(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(more);
            return new Reply(status, all, body);
        }
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final String name;
    private final long maxBody;
    private final ServerSocket socket;
    private final ExecutorService workers;

    HttpStandIn(String name, long maxBody) {
        this.name = name;
        this.maxBody = maxBody;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(Loopback.address(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + name + " stand-in", e);
        }
        workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(name + "-", 0).factory());
        Thread acceptor = Thread.ofPlatform().daemon().name(name + "-accept").unstarted(this::acceptLoop);
        acceptor.start();
    }

    abstract Reply handle(Call call) throws IOException;

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String baseUrl() {
        return "http://" + Loopback.HOST + ":" + port();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                workers.execute(() -> serve(connection));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("[" + name + "] accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            Reply reply;
            try {
                Call call = read(in, out);
                if (call == null) {
                    return;   // connection opened and closed without a request
                }
                reply = handle(call);
            } catch (MalformedRequest e) {
                reply = Reply.of(400, "text/plain", e.getMessage());
            } catch (RuntimeException e) {
                // A stand-in bug must show up as a 500 in the test, not as a hung connection.
                e.printStackTrace();
                reply = Reply.of(500, "text/plain", name + " stand-in failure: " + e);
            }
            write(out, reply);
        } catch (SocketException e) {
            // the client gave up (a timeout test) or reset: nothing to answer
        } catch (IOException e) {
            System.err.println("[" + name + "] " + e);
        }
    }

    private Call read(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new MalformedRequest("bad request line: " + requestLine);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int headerBytes = 0;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedRequest("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRequest("bad header line: " + line);
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean tooLarge;
        if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            tooLarge = readChunked(in, body);
        } else {
            String length = first(headers, "Content-Length");
            tooLarge = length != null && copy(in, body, parseLength(length));
        }
        URI target = URI.create(parts[1]);
        return new Call(parts[0], target.getRawPath(), target.getRawQuery(), headers,
                tooLarge ? null : body.toByteArray(), tooLarge);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new MalformedRequest("bad Content-Length: " + value);
        }
    }

    /** Copies {@code length} bytes; past {@link #maxBody} it keeps reading but discards. Returns "too large". */
    private boolean copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        boolean tooLarge = false;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new MalformedRequest("body shorter than Content-Length");
            }
            remaining -= read;
            if (body.size() + (long) read > maxBody) {
                tooLarge = true;
            }
            if (!tooLarge) {
                body.write(buffer, 0, read);
            }
        }
        return tooLarge;
    }

    private boolean readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        boolean tooLarge = false;
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new MalformedRequest("chunked body ended early");
            }
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new MalformedRequest("bad chunk size: " + sizeLine);
            }
            if (size == 0) {
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // trailers are ignored
                }
                return tooLarge;
            }
            tooLarge |= copy(in, body, size);
            readLine(in);   // CRLF after the chunk
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new MalformedRequest("line too long");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void write(OutputStream out, Reply reply) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\n");
        reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(reply.body().length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(reply.body());
        out.flush();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
    }

    private static final class MalformedRequest extends RuntimeException {
        MalformedRequest(String message) {
            super(message);
        }
    }
}
