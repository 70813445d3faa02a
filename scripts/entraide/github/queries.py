"""GraphQL queries sent by the sync (Discussions have no REST listing)."""

DISCUSSIONS_QUERY = """
query($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: $first, after: $after, orderBy: {field: UPDATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        number title createdAt updatedAt
        author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
        category { name }
        answer {
          databaseId
          author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
        }
        answerChosenAt
        answerChosenBy { login ... on User { databaseId } }
        comments(first: 100) {
          nodes {
            databaseId createdAt updatedAt body
            author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
            replies(first: 50) {
              nodes {
                databaseId createdAt updatedAt body
                author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
              }
            }
          }
        }
      }
    }
  }
}
"""
