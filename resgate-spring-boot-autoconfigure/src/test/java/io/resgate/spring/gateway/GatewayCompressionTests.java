package io.resgate.spring.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-message compression is negotiated only when {@code resgate.ws-compression} allows it.
 */
class GatewayCompressionTests {

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.ws-compression=true");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void compressionIsNegotiatedWhenEnabled() throws Exception {
		String head = RawHandshake.upgrade(app.port(), "Sec-WebSocket-Extensions: permessage-deflate\r\n");
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(head.toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
	}

	@Test
	void compressedRequestIsAnsweredWithACompressedResponse() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(),
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", 0)) {
			assertThat(ws.responseHead().toLowerCase())
				.contains("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
			for (int id = 1; id <= 2; id++) {
				String request = "{\"id\":" + id + ",\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}";
				ws.sendFrame(0x80 | 0x40 | 1, deflate(request.getBytes(StandardCharsets.UTF_8)), true);
				RawWebSocket.Frame f = ws.read();
				assertThat(f.rsv1()).as("compressed").isTrue();
				assertThat(inflate(f.payload())).isEqualTo("{\"result\":{\"protocol\":\"1.2.3\"},\"id\":" + id + "}");
			}
		}
	}

	@Test
	void uncompressedMessagesAreAcceptedToo() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "Sec-WebSocket-Extensions: permessage-deflate\r\n", 0)) {
			ws.sendText("{\"id\":1,\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}");
			assertThat(inflate(ws.read().payload())).contains("\"id\":1");
		}
	}

	private static byte[] deflate(byte[] data) {
		Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		d.setInput(data);
		byte[] out = new byte[data.length + 64];
		int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
		d.end();
		return Arrays.copyOf(out, n - 4);
	}

	private static String inflate(byte[] data) throws Exception {
		Inflater inf = new Inflater(true);
		byte[] in = Arrays.copyOf(data, data.length + 4);
		in[data.length + 2] = (byte) 0xff;
		in[data.length + 3] = (byte) 0xff;
		inf.setInput(in);
		byte[] out = new byte[4096];
		int n = inf.inflate(out);
		inf.end();
		return new String(out, 0, n, StandardCharsets.UTF_8);
	}
}
