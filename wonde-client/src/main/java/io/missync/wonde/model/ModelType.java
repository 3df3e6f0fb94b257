package io.missync.wonde.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.missync.wonde.WondeDecodeException;
import java.util.function.BiFunction;

/**
 * How to turn a JSON object into a wire model. {@link #wrap} does not copy: the caller hands the
 * node over and must not modify it afterwards. {@link #fromJson} copies.
 *
 * @param <T> the model type
 */
public final class ModelType<T> {
  public static final ModelType<School> SCHOOL = new ModelType<>("school", School::new);
  public static final ModelType<SchoolMeta> SCHOOL_META =
      new ModelType<>("school meta", SchoolMeta::new);
  public static final ModelType<Permission> PERMISSION =
      new ModelType<>("permission", Permission::new);
  public static final ModelType<Student> STUDENT = new ModelType<>("student", Student::new);
  public static final ModelType<Employee> EMPLOYEE = new ModelType<>("employee", Employee::new);
  public static final ModelType<Contact> CONTACT = new ModelType<>("contact", Contact::new);
  public static final ModelType<Group> GROUP = new ModelType<>("group", Group::new);
  public static final ModelType<SchoolClass> CLASS = new ModelType<>("class", SchoolClass::new);
  public static final ModelType<Subject> SUBJECT = new ModelType<>("subject", Subject::new);
  public static final ModelType<Deletion> DELETION = new ModelType<>("deletion", Deletion::new);
  public static final ModelType<Counts> COUNTS = new ModelType<>("counts", Counts::new);
  public static final ModelType<AccessResponse> ACCESS_RESPONSE =
      new ModelType<>("access response", AccessResponse::new);

  private final String name;
  private final BiFunction<ObjectNode, Loc, T> factory;

  private ModelType(String name, BiFunction<ObjectNode, Loc, T> factory) {
    this.name = name;
    this.factory = factory;
  }

  /** Wraps {@code node} without copying; {@code path} is its JSON path, used in errors. */
  public T wrap(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new WondeDecodeException(path.isEmpty() ? "$" : path, "expected a " + name + " object");
    }
    return factory.apply((ObjectNode) node, Loc.root(path));
  }

  /** Wraps item {@code index} of a list response's {@code data} without copying. */
  public T wrapDataItem(JsonNode node, int index) {
    if (!node.isObject()) {
      throw new WondeDecodeException("data[" + index + "]", "expected a " + name + " object");
    }
    return factory.apply((ObjectNode) node, Loc.dataItem(index));
  }

  /** Wraps a deep copy of {@code node}. */
  public T fromJson(JsonNode node) {
    return wrap(node.deepCopy(), "");
  }

  @Override
  public String toString() {
    return "ModelType{" + name + "}";
  }
}
