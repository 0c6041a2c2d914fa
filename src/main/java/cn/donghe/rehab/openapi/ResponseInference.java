package cn.donghe.rehab.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javassist.ClassClassPath;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtMethod;
import javassist.bytecode.CodeIterator;
import javassist.bytecode.ConstPool;
import javassist.bytecode.MethodInfo;
import javassist.bytecode.Opcode;
import javassist.bytecode.analysis.Analyzer;
import javassist.bytecode.analysis.Frame;
import javassist.bytecode.analysis.Type;

/**
 * What a resource method that returns a bare {@code Response} answers, read from its bytecode: the statuses it
 * builds ({@code Response.status(201)}, {@code created(..)}, {@code ok(..)}, {@code noContent()}) and the static type
 * of each entity it passes ({@code .entity(service.create(..))}), using javassist's data-flow analyser.
 * Resources stay plain JAX-RS; a method that builds its answer some other way falls back to "any JSON" and can
 * state its responses with swagger's {@code @ApiResponse}.
 */
final class ResponseInference {
  private static final String RESPONSE = "jakarta.ws.rs.core.Response";
  private static final String BUILDER = "jakarta.ws.rs.core.Response$ResponseBuilder";

  /** One answer: a status and the entity's class (null = no body). */
  record Outcome(int status, Class<?> entity) {}

  private ResponseInference() {}

  static Optional<List<Outcome>> outcomes(Method m) {
    try {
      return Optional.of(analyse(m)).filter(l -> !l.isEmpty());
    } catch (Exception | LinkageError e) {
      return Optional.empty();
    }
  }

  private static List<Outcome> analyse(Method m) throws Exception {
    ClassPool pool = new ClassPool(true);
    pool.insertClassPath(new ClassClassPath(m.getDeclaringClass()));
    CtClass cc = pool.get(m.getDeclaringClass().getName());
    CtMethod cm = find(cc, m);
    MethodInfo info = cm.getMethodInfo2();
    Frame[] frames = new Analyzer().analyze(cc, info);
    ConstPool cp = info.getConstPool();
    CodeIterator it = info.getCodeAttribute().iterator();
    List<Outcome> out = new ArrayList<>();
    List<Integer> ints = new ArrayList<>(); // status-like constants pushed since the last Response call
    String lastStatic = null;
    List<Integer> status = List.of();
    boolean entitySeen = false;
    while (it.hasNext()) {
      int pos = it.next();
      int op = it.byteAt(pos);
      switch (op) {
        case Opcode.SIPUSH -> { int v = it.s16bitAt(pos + 1); if (v >= 100 && v <= 599) ints.add(v); }
        case Opcode.GETSTATIC -> lastStatic = cp.getFieldrefName(it.u16bitAt(pos + 1));
        case Opcode.INVOKESTATIC, Opcode.INVOKEVIRTUAL, Opcode.INVOKEINTERFACE -> {
          int ref = it.u16bitAt(pos + 1);
          boolean itf = op == Opcode.INVOKEINTERFACE;
          String owner = itf ? cp.getInterfaceMethodrefClassName(ref) : cp.getMethodrefClassName(ref);
          String name = itf ? cp.getInterfaceMethodrefName(ref) : cp.getMethodrefName(ref);
          String desc = itf ? cp.getInterfaceMethodrefType(ref) : cp.getMethodrefType(ref);
          if (!RESPONSE.equals(owner) && !BUILDER.equals(owner)) {
            ints.clear(); // a constant consumed by another call is not a status
            continue;
          }
          if (RESPONSE.equals(owner)) {
            switch (name) {
              // status(cond ? 200 : 201) pushes both constants before the call: each is a possible answer
              case "status" -> { status = desc.startsWith("(I") ? List.copyOf(ints) : List.of(statusOf(lastStatic)); entitySeen = false; }
              case "created" -> { status = List.of(201); entitySeen = false; }
              case "accepted" -> { status = List.of(202); entitySeen = false; }
              case "noContent" -> { status = List.of(204); entitySeen = false; }
              case "ok" -> {
                status = List.of(200);
                entitySeen = !desc.startsWith("()");
                if (entitySeen) out.add(new Outcome(200, entityAt(frames[pos], desc.startsWith("(Ljava/lang/Object;)") ? 0 : 1, m)));
              }
              default -> { }
            }
            ints.clear();
          } else if (BUILDER.equals(owner) && name.equals("entity")) {
            entitySeen = true;
            Class<?> entity = entityAt(frames[pos], desc.startsWith("(Ljava/lang/Object;)") ? 0 : 1, m);
            status.forEach(st -> out.add(new Outcome(st, entity)));
          } else if (BUILDER.equals(owner) && name.equals("build") && !entitySeen) {
            status.forEach(st -> out.add(new Outcome(st, null)));
          }
        }
        default -> { }
      }
    }
    return out.stream().distinct().toList();
  }

  private static CtMethod find(CtClass cc, Method m) throws Exception {
    List<String> want = Arrays.stream(m.getParameterTypes()).map(Class::getName).toList();
    for (CtMethod c : cc.getDeclaredMethods(m.getName())) {
      List<String> have = Arrays.stream(c.getParameterTypes()).map(CtClass::getName).toList();
      if (have.equals(want)) return c;
    }
    throw new NoSuchMethodException(m.toString());
  }

  private static int statusOf(String constant) {
    try {
      return jakarta.ws.rs.core.Response.Status.valueOf(constant).getStatusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The class of the value {@code depth} slots below the top of the operand stack, if it is a real type. */
  private static Class<?> entityAt(Frame frame, int depth, Method m) {
    if (frame == null) return null;
    Type t = frame.getStack(frame.getTopIndex() - depth);
    if (t == null || t.getCtClass() == null || !t.isReference()) return null;
    String name = t.getCtClass().getName();
    if (name.equals("java.lang.Object")) return null;
    try {
      return Class.forName(name, false, m.getDeclaringClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
