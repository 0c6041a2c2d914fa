package cn.donghe.rehab.server;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown that answers no 5xx. On SIGTERM (Jetty's stop), before Jetty's own graceful
 * stop starts (which answers 503 to new requests on kept-alive connections), this:
 * <ol>
 *   <li>turns the "shutdown" health check unhealthy (load balancers stop sending) and adds
 *       {@code Connection: close} to every answer, so clients leave their kept-alive connections;</li>
 *   <li>keeps serving normally for {@code shutdownDelay};</li>
 *   <li>closes the application connectors (new connections are refused, which clients retry),
 *       waits briefly, then lets Jetty finish in-flight requests within {@code shutdownGracePeriod}.</li>
 * </ol>
 */
public final class GracefulDrain implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulDrain.class);
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Duration delay;

  private GracefulDrain(Duration delay) { this.delay = delay; }

  public static GracefulDrain install(Environment env, Duration delay) {
    GracefulDrain drain = new GracefulDrain(delay);
    env.jersey().register(drain);
    env.healthChecks().register("shutdown", new HealthCheck() {
      @Override protected Result check() {
        return drain.draining.get() ? Result.unhealthy("shutting down") : Result.healthy();
      }
    });
    env.lifecycle().addServerLifecycleListener(server -> server.addEventListener(new LifeCycle.Listener() {
      @Override public void lifeCycleStopping(LifeCycle event) {
        if (event == server) drain.drain(server);
      }
    }));
    return drain;
  }

  public boolean draining() { return draining.get(); }

  private void drain(Server server) {
    if (!draining.compareAndSet(false, true)) return;
    LOG.info("Shutting down: health check fails, connections close after their answer; serving {} more", delay);
    sleep(delay.toMilliseconds());
    for (var c : server.getConnectors()) {
      if (c instanceof NetworkConnector n && "application".equals(connectorName(n))) {
        try {
          n.close();
        } catch (RuntimeException e) {
          LOG.warn("Could not close connector {}: {}", n, e.toString());
        }
      }
    }
    sleep(Math.min(500, delay.toMilliseconds()));
    LOG.info("Stopped accepting connections; finishing in-flight requests");
  }

  private static String connectorName(NetworkConnector n) {
    String name = n.getName();
    // Dropwizard names connectors "application" and "admin" (suffixed with the port for several)
    return name != null && name.startsWith("admin") ? "admin" : "application";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void filter(ContainerRequestContext req, ContainerResponseContext res) {
    if (draining.get()) res.getHeaders().putSingle("Connection", "close");
  }
}
