# A collection stops tracking tuples that hold only atoms or untracked tuples
# (_PyTuple_MaybeUntrack); a tuple holding a container stays tracked.
import gc

atoms = (1, 2.5, "a", None, b"x")
with_list = ([],)
nested = (atoms, 3)
nested_container = (with_list, 4)
built = tuple([5, 6])
gc.collect()
print(gc.is_tracked(atoms), gc.is_tracked(with_list), gc.is_tracked(nested),
      gc.is_tracked(nested_container), gc.is_tracked(built))
