package cn.donghe.rehab.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before our application sees the request (ambiguous or malformed URIs,
 * bad headers), come out as problem+json too, never as Jetty's HTML page with details.
 */
public class ProblemErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    String body = "{\"type\":\"" + Problem.TYPE_BASE + Problems.typeFor(code) + "\",\"title\":\"" + Problems.titleFor(code)
        + "\",\"status\":" + code + ",\"detail\":\"" + (code < 500 ? "请求无效 / invalid request" : "服务器内部错误 / internal error") + "\"}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
