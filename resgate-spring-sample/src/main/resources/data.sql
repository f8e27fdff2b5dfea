-- The three books of Resgate's book-collection example (IDs 1 to 3), in a database that has no books yet.
INSERT INTO book (title, author)
SELECT v.title, v.author
FROM (VALUES (1, 'Animal Farm', 'George Orwell'), (2, 'Brave New World', 'Aldous Huxley'),
             (3, 'Coraline', 'Neil Gaiman')) AS v (n, title, author)
WHERE NOT EXISTS (SELECT 1 FROM book)
ORDER BY v.n;
