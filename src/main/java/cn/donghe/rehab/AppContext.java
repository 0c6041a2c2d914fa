package cn.donghe.rehab;

import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.common.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What feature modules need to wire themselves: shared infrastructure plus a typed registry of
 * feature services, so one feature talks to another through its service (never its DAO).
 */
public final class AppContext {
  private final RehabConfiguration config;
  private final Environment env;
  private final Jdbi jdbi;
  private final MutableClock clock;
  private final ObjectMapper mapper;
  private final AuditLog audit;
  private final IdNumberCipher cipher;
  private final Map<Class<?>, Object> services = new LinkedHashMap<>();

  public AppContext(RehabConfiguration config, Environment env, Jdbi jdbi, MutableClock clock, ObjectMapper mapper,
                    AuditLog audit, IdNumberCipher cipher) {
    this.config = config;
    this.env = env;
    this.jdbi = jdbi;
    this.clock = clock;
    this.mapper = mapper;
    this.audit = audit;
    this.cipher = cipher;
  }

  public RehabConfiguration config() { return config; }
  public Environment env() { return env; }
  public Jdbi jdbi() { return jdbi; }
  public MutableClock clock() { return clock; }
  public ObjectMapper mapper() { return mapper; }
  public AuditLog audit() { return audit; }
  public IdNumberCipher cipher() { return cipher; }

  public <T> T put(Class<T> type, T service) {
    services.put(type, service);
    return service;
  }

  public <T> T get(Class<T> type) {
    Object s = services.get(type);
    if (s == null) throw new IllegalStateException(type.getSimpleName() + " not registered (module order?)");
    return type.cast(s);
  }

  /** Registers a JAX-RS resource or provider. */
  public void register(Object component) { env.jersey().register(component); }
}
