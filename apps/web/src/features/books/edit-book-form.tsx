import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ShelfApiError } from '@shelf/client';
import { useNotice } from '../../lib/notice.js';
import { BookConflict } from './book-conflict.js';
import { BookForm } from './book-form.js';
import { reapplyChanges, toFormValues, type BookFormValues } from './book-form-values.js';
import type { ListReturn } from './list-return.js';
import { useBook, useUpdateBook, type VersionedBook } from './use-books.js';

interface Editing {
  /** The version being edited: its values and ETag (sent as If-Match). */
  base: BookFormValues;
  etag: string | undefined;
  /** What the form starts from; a new key remounts it with these values. */
  initial: BookFormValues;
  formKey: number;
}

interface Conflict {
  mine: BookFormValues;
  latest: VersionedBook;
}

/** The edit form with optimistic concurrency: a stale save becomes a conflict to resolve. */
export const EditBookForm = ({
  versioned,
  back,
}: {
  versioned: VersionedBook;
  back: ListReturn;
}) => {
  const navigate = useNavigate();
  const { notify } = useNotice();
  const id = versioned.book.id;
  const book = useBook(id);
  const updateBook = useUpdateBook(id);
  const [editing, setEditing] = useState<Editing>(() => {
    const values = toFormValues(versioned.book);
    return { base: values, etag: versioned.etag, initial: values, formKey: 0 };
  });
  const [conflict, setConflict] = useState<Conflict>();

  const startFrom = (latest: VersionedBook, initial: BookFormValues) => {
    setEditing((current) => ({
      base: toFormValues(latest.book),
      etag: latest.etag,
      initial,
      formKey: current.formKey + 1,
    }));
    setConflict(undefined);
  };

  if (conflict !== undefined) {
    const latestValues = toFormValues(conflict.latest.book);
    return (
      <BookConflict
        base={editing.base}
        mine={conflict.mine}
        latest={latestValues}
        onReapply={() => {
          startFrom(conflict.latest, reapplyChanges(editing.base, conflict.mine, latestValues));
        }}
        onDiscard={() => {
          startFrom(conflict.latest, latestValues);
        }}
      />
    );
  }

  return (
    <BookForm
      key={editing.formKey}
      initialValues={editing.initial}
      submitLabel="Save changes"
      onSubmit={async (body, values) => {
        try {
          await updateBook.mutateAsync({ body, etag: editing.etag });
        } catch (caught) {
          if (!(caught instanceof ShelfApiError) || caught.status !== 412) throw caught;
          const latest = await book.refetch({ throwOnError: true });
          if (latest.data === undefined) throw caught;
          setConflict({ mine: values, latest: latest.data });
          return;
        }
        notify(`Saved “${body.title.trim()}”.`, { afterNavigation: true });
        await navigate(back.url, { state: back.state });
      }}
      onCancel={() => void navigate(back.url, { state: back.state })}
    />
  );
};
