package cn.donghe.rehab.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * swagger-core's JAX-RS reader, taught two things about this code base: a Dropwizard {@code @Auth}
 * principal (or a {@code @Context} object) is not a request body, and every operation remembers the Java
 * method it came from so the customiser can read its role and header annotations.
 */
final class ApiReader extends Reader {
  private final Map<Operation, Method> methods = new IdentityHashMap<>();

  ApiReader(io.swagger.v3.oas.models.OpenAPI base) { super(base); }

  Map<Operation, Method> methods() { return methods; }

  @Override protected ResolvedParameter getParameters(Type type, List<Annotation> annotations, Operation operation,
                                                      Consumes classConsumes, Consumes methodConsumes, JsonView jsonView) {
    for (Annotation a : annotations) {
      if (a instanceof Auth || a instanceof Context) return new ResolvedParameter();
    }
    return super.getParameters(type, annotations, operation, classConsumes, methodConsumes, jsonView);
  }

  @Override public Operation parseMethod(Method method, List<Parameter> globalParameters, Produces methodProduces,
                                         Produces classProduces, Consumes methodConsumes, Consumes classConsumes,
                                         List<SecurityRequirement> classSecurity, Optional<ExternalDocumentation> classDocs,
                                         Set<String> classTags, List<Server> classServers, boolean isSubresource,
                                         RequestBody parentRequestBody, ApiResponses parentResponses, JsonView jsonView,
                                         io.swagger.v3.oas.annotations.responses.ApiResponse[] classResponses,
                                         AnnotatedMethod annotatedMethod) {
    Operation op = super.parseMethod(method, globalParameters, methodProduces, classProduces, methodConsumes, classConsumes,
        classSecurity, classDocs, classTags, classServers, isSubresource, parentRequestBody, parentResponses, jsonView,
        classResponses, annotatedMethod);
    if (op != null) methods.put(op, method);
    return op;
  }
}
